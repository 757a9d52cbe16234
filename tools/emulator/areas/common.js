/** Helpers every area uses: `~` expansion, ownership checks, flags. */
const { RcError, errors } = require('../errors');

/** @param {import('../server').HandlerContext} ctx */
function accountOf(ctx) {
	const requested = ctx.params.accountId;
	if (requested !== '~' && requested !== ctx.state.accountId) throw errors.notFound('accountId');
	return ctx.state.accountId;
}

/**
 * Resolves `~` and checks the extension exists.
 * @param {import('../server').HandlerContext} ctx @param {string} [raw] @param {string} [parameterName]
 */
function extensionOf(ctx, raw = ctx.params.extensionId, parameterName = 'extensionId') {
	const id = raw === '~' ? ctx.auth.extensionId : String(raw);
	if (!ctx.state.extensions.has(id)) throw errors.notFound(parameterName);
	return id;
}

/** Only the extension itself or an administrator may change an extension's settings. */
function assertMayEdit(/** @type {import('../server').HandlerContext} */ ctx, /** @type {string} */ extensionId) {
	if (extensionId === ctx.auth.extensionId) return;
	if (ctx.state.extensions.get(ctx.auth.extensionId)?.admin) return;
	throw new RcError(403, 'CMN-404', 'Attempt to access another extension', { legacyCode: 'InsufficientPermissions' });
}

/** Query booleans arrive as text. @param {unknown} value */
function flag(value) {
	return value === true || value === 'true';
}

/** One value or many (a repeated query key, a JSON array) as a list. @param {unknown} value */
function listOf(value) {
	return value === undefined ? [] : /** @type {any[]} */ ([]).concat(value);
}

/** A date-time query parameter in milliseconds, or CMN-101 naming it. @param {import('../server').HandlerContext} ctx @param {string} name */
function dateQuery(ctx, name) {
	if (ctx.query[name] === undefined) return undefined;
	const time = Date.parse(ctx.query[name]);
	if (Number.isNaN(time)) throw errors.invalidParameter(name);
	return time;
}

/**
 * A handler that also gets the emulator as `ctx.emulator`: for areas that reach beyond the
 * signed-in user (a colleague's mailbox, events for other owners, another area's state).
 * @param {any} emulator @param {(ctx: any) => any} handler
 */
function withEmulator(emulator, handler) {
	return (/** @type {import('../server').HandlerContext} */ ctx) => handler({ ...ctx, emulator });
}

module.exports = { accountOf, extensionOf, assertMayEdit, flag, listOf, dateQuery, withEmulator };
