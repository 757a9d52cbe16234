/** Helpers every area uses: `~` expansion, ownership checks, flags. */
import { RcError, errors } from '../errors';
import type { Emulator } from '../server';
import type { Extension } from '../state';
import type { EmulatorContext, Handler, HandlerContext, HandlerResult } from '../types';

export function accountOf(ctx: Pick<HandlerContext, 'params' | 'state'>): string {
	const requested = ctx.params.accountId;
	if (requested !== '~' && requested !== ctx.state.accountId) throw errors.notFound('accountId');
	return ctx.state.accountId;
}

/** Resolves `~` and checks the extension exists. */
export function extensionOf(
	ctx: Pick<HandlerContext, 'params' | 'state' | 'auth'>,
	raw: unknown = ctx.params.extensionId,
	parameterName = 'extensionId',
): string {
	const id = raw === '~' ? ctx.auth.extensionId : String(raw);
	if (!ctx.state.extensions.has(id)) throw errors.notFound(parameterName);
	return id;
}

/** Resolves `~`, checks the extension exists and returns its record. */
export function extensionRecordOf(
	ctx: Pick<HandlerContext, 'params' | 'state' | 'auth'>,
	raw: unknown = ctx.params.extensionId,
	parameterName = 'extensionId',
): Extension {
	const extension = ctx.state.extensions.get(extensionOf(ctx, raw, parameterName));
	if (!extension) throw errors.notFound(parameterName);
	return extension;
}

/** Only the extension itself or an administrator may change an extension's settings. */
export function assertMayEdit(ctx: Pick<HandlerContext, 'state' | 'auth'>, extensionId: string): void {
	if (extensionId === ctx.auth.extensionId) return;
	if (ctx.state.extensions.get(ctx.auth.extensionId)?.admin) return;
	throw new RcError(403, 'CMN-404', 'Attempt to access another extension', { legacyCode: 'InsufficientPermissions' });
}

/** Query booleans arrive as text. */
export function flag(value: unknown): boolean {
	return value === true || value === 'true';
}

/** One value or many (a repeated query key, a JSON array) as a list. */
export function listOf<T>(value: T | readonly T[] | undefined): T[] {
	return value === undefined ? [] : ([] as T[]).concat(value);
}

/** A date-time query parameter in milliseconds, or CMN-101 naming it. */
export function dateQuery(ctx: Pick<HandlerContext, 'query'>, name: string): number | undefined {
	if (ctx.query[name] === undefined) return undefined;
	// String() reads a repeated key's list the way Date.parse itself would: joined with commas.
	const time = Date.parse(String(ctx.query[name]));
	if (Number.isNaN(time)) throw errors.invalidParameter(name);
	return time;
}

/**
 * A handler that also gets the emulator as `ctx.emulator`: for areas that reach beyond the
 * signed-in user (a colleague's mailbox, events for other owners, another area's state).
 */
export function withEmulator(
	emulator: Emulator,
	handler: (ctx: EmulatorContext) => HandlerResult | Promise<HandlerResult>,
): Handler {
	return (ctx) => handler({ ...ctx, emulator });
}
