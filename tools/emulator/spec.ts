/**
 * RingCentral's official OpenAPI spec: request/response validation and the usage-plan
 * (x-throttling-group) of every operation. Without the file the emulator runs lenient.
 */
import fs from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';

import addFormats from 'ajv-formats';
import { load } from 'js-yaml';
import { OpenAPIBackend, ValidationContext } from 'openapi-backend';
import type { Document, Operation, OpenAPIValidator, Request, ValidationResult } from 'openapi-backend';

import { repoPath } from '../repository';

/** RingCentral's spec, pinned in the repository (spec/README.md says where it comes from). */
export const DEFAULT_SPEC = repoPath('spec', 'rc-public-openapi.yml');

export function specPath(): string {
	return process.env.RC_OPENAPI_SPEC || DEFAULT_SPEC;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null;
}

/**
 * Two defects in the published file stop any strict validator from compiling it: an empty
 * `allOf` (TcrCampaignRecord) and a `nullable` without a `type`; and scalar query parameters marked
 * `explode: false` (page, perPage of many lists) trip the validator's array splitting. All are
 * repaired here the way OpenAPI defines them, so nothing else in the spec is relaxed.
 */
export function repairSpec(node: unknown): void {
	if (Array.isArray(node)) {
		node.forEach(repairSpec);
		return;
	}
	if (!isObject(node)) return;
	if (Array.isArray(node.allOf) && node.allOf.length === 0) delete node.allOf;
	// `explode` only means something for arrays and objects, but the validator splits any
	// non-exploded query value on commas, so `perPage=5` would arrive as ["5"] and be refused.
	if (node.in === 'query' && node.explode === false && isScalarSchema(node.schema)) {
		delete node.explode;
	}
	if (node.nullable === true && node.type === undefined) {
		const inner = { ...node };
		delete inner.nullable;
		for (const key of Object.keys(node)) delete node[key];
		node.anyOf = [inner, { type: 'null' }];
	}
	Object.values(node).forEach(repairSpec);
}

const COMPOSITE_TYPES: unknown[] = ['array', 'object'];

/** A scalar schema, or a choice between scalars (the call log's perPage: an integer or "max"). */
function isScalarSchema(schema: unknown): boolean {
	if (!isObject(schema)) return false;
	if (schema.type) return !COMPOSITE_TYPES.includes(schema.type);
	const asList = (value: unknown) => (Array.isArray(value) ? value : []);
	const choices = [...asList(schema.oneOf), ...asList(schema.anyOf)];
	return choices.length > 0 && choices.every(isScalarSchema);
}

const cache = new Map<string, Promise<SpecModel>>();

export async function loadSpec(file: string = specPath()): Promise<SpecModel> {
	const cached = cache.get(file);
	if (cached) return await cached;
	const promise = (async () => {
		if (!fs.existsSync(file)) return new SpecModel(null, file);
		const definition = load(fs.readFileSync(file, 'utf8'));
		repairSpec(definition);
		const api = new OpenAPIBackend({
			// The pinned file is RingCentral's OpenAPI 3 document.
			definition: definition as Document,
			quick: true,
			coerceTypes: true,
			ajvOpts: { strict: false, unicodeRegExp: false, allErrors: true, logger: false },
			customizeAjv: (ajv) => {
				addFormats(ajv);
				return ajv;
			},
		});
		await api.init();
		splitArrayPathParameters(api);
		return new SpecModel(api, file);
	})();
	cache.set(file, promise);
	return await promise;
}

/** What the emulator reads of a parameter object (init has dereferenced every $ref). */
interface ParameterObject {
	name: string;
	in: string;
	schema?: { type?: unknown };
}

interface MediaTypeObject {
	schema?: object;
}

/** What the emulator reads of an operation object. */
interface OperationObject {
	operationId: string;
	'x-throttling-group'?: string;
	/** the app permission (OAuth scope) the operation needs */
	'x-app-permission'?: string;
	requestBody?: { content?: Record<string, MediaTypeObject | undefined> };
	responses?: Record<string, { content?: Record<string, MediaTypeObject | undefined> } | undefined>;
}

function isOperation(value: unknown): value is OperationObject {
	return isObject(value) && Boolean(value.operationId);
}

/**
 * OpenAPI's default `simple` style serializes an array path parameter as `1,2,3` (RingCentral's
 * batch ids); openapi-backend hands it to the validator as one string, so split it first.
 */
function splitArrayPathParameters(api: OpenAPIBackend): void {
	const parse = api.router.parseRequest.bind(api.router);
	api.router.parseRequest = (req: Request, operation?: Operation) => {
		const parsed = parse(req, operation);
		for (const parameter of (operation?.parameters ?? []) as ParameterObject[]) {
			const value = parsed.params?.[parameter.name];
			if (parameter.in === 'path' && parameter.schema?.type === 'array' && typeof value === 'string') {
				parsed.params[parameter.name] = value.split(',');
			}
		}
		return parsed;
	};
}

export interface SpecOperation {
	method: string;
	path: string;
	/** the usage-plan group (x-throttling-group), Medium when the spec names none */
	group: string;
	operation: OperationObject;
}

/** A request as the validator sees it. */
export interface SpecRequest {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: IncomingHttpHeaders;
	body: unknown;
}

/** One reason the spec rejects a request or response, in RingCentral's vocabulary. */
export interface SpecProblem {
	/** the offending parameter or body field (e.g. `records[0].to`) */
	parameter: string;
	message: string;
	/** where it is: path, query, headers, requestBody, … */
	location: string | undefined;
}

type AjvError = NonNullable<ValidationResult['errors']>[number];
type BodyValidator = ReturnType<ReturnType<OpenAPIValidator['getAjv']>['compile']>;

export class SpecModel {
	readonly api: OpenAPIBackend | null;
	readonly file: string;
	readonly available: boolean;
	readonly operations = new Map<string, SpecOperation>();
	private readonly bodyValidators = new Map<string, BodyValidator>();

	constructor(api: OpenAPIBackend | null, file: string) {
		this.api = api;
		this.file = file;
		this.available = Boolean(api);
		if (!api) return;
		for (const [route, item] of Object.entries(api.definition.paths ?? {})) {
			for (const [method, operation] of Object.entries(item ?? {})) {
				if (!isOperation(operation)) continue;
				this.operations.set(operation.operationId, {
					method: method.toUpperCase(),
					path: route,
					group: operation['x-throttling-group'] ?? 'Medium',
					operation,
				});
			}
		}
	}

	groupOf(operationId: string): string | undefined {
		return this.operations.get(operationId)?.group;
	}

	/** The app permission (x-app-permission) an operation needs, if any. */
	appPermissionOf(operationId: string): string | undefined {
		return this.operations.get(operationId)?.operation['x-app-permission'];
	}

	/** Every app permission some operation of the spec needs, sorted. */
	appPermissions(): string[] {
		const all = new Set<string>();
		for (const { operation } of this.operations.values()) if (operation['x-app-permission']) all.add(operation['x-app-permission']);
		return [...all].sort();
	}

	/**
	 * The query parameters an operation takes, and the ones it ignores. RingCentral ignores query
	 * parameters it does not know (its own SDK sends `ui_options` and `localeId` on every
	 * authorization URL) and reads an empty value as not given (the SDK sends `display=`, `prompt=`,
	 * `brand_id=`; n8n's OAuth2 flow `scope=`); so does the emulator, naming both kinds.
	 */
	acceptedQuery(operationId: string, query: Record<string, string | string[]>): { query: Record<string, string | string[]>; empty: string[]; unknown: string[] } {
		if (!this.api) return { query, empty: [], unknown: [] };
		const declared = new Set(
			((this.api.router.getOperation(operationId)?.parameters ?? []) as ParameterObject[]).filter((p) => p.in === 'query').map((p) => p.name),
		);
		const accepted: Record<string, string | string[]> = {};
		const empty: string[] = [];
		const unknown: string[] = [];
		for (const [name, value] of Object.entries(query)) {
			const given = ([] as string[]).concat(value).filter((item) => item !== '');
			if (!declared.has(name)) unknown.push(name);
			else if (given.length === 0) empty.push(name);
			else accepted[name] = Array.isArray(value) ? given : given[0];
		}
		return { query: accepted, empty, unknown };
	}

	/**
	 * A form body (application/x-www-form-urlencoded) with its fields typed as the operation's schema
	 * declares them: a form carries text only, so `access_token_ttl=3600` is the integer 3600.
	 */
	typedForm(operationId: string, form: Record<string, string>): Record<string, unknown> {
		const schema = this.operations.get(operationId)?.operation.requestBody?.content?.['application/x-www-form-urlencoded']?.schema;
		const types = new Map<string, unknown>();
		collectPropertyTypes(schema, types);
		const typed: Record<string, unknown> = {};
		for (const [name, text] of Object.entries(form)) typed[name] = typedValue(text, types.get(name));
		return typed;
	}

	/** Whether the spec has an operation for this method and path (whether the emulator has it or not). */
	hasOperation(method: string, path: string): boolean {
		return Boolean(this.api?.router.matchOperation({ method, path, headers: {} }));
	}

	validateRequest(operationId: string, request: SpecRequest): SpecProblem[] {
		if (!this.api) return [];
		const bodyValidator = this.bodyValidatorFor(operationId, request.headers?.['content-type']);
		// openapi-backend reads header values as strings or lists; Node's absent ones are simply missing.
		const asRequest = (body: unknown): Request => ({
			...request,
			headers: request.headers as Request['headers'],
			query: { ...request.query },
			body,
		});
		if (!bodyValidator) {
			const result = this.api.validateRequest(asRequest(request.body), operationId);
			return (result.errors ?? []).map(describeAjvError);
		}
		// Path, query and headers as usual; the body against its own media type's schema.
		const result = this.api.validateRequest(asRequest(undefined), operationId);
		const errors = (result.errors ?? []).filter((e) => e.params?.missingProperty !== 'requestBody');
		if (!bodyValidator(request.body)) {
			errors.push(...(bodyValidator.errors ?? []).map((e) => ({ ...e, instancePath: `/requestBody${e.instancePath}` })));
		}
		return errors.map(describeAjvError);
	}

	/**
	 * openapi-backend checks every body against the application/json schema when there is one,
	 * but createFaxMessage's multipart form (the documents) and its JSON form (resend by
	 * originalMessageId) differ; so do the greeting uploads' two multipart forms. Such bodies get
	 * a validator for the media type they were sent as.
	 */
	private bodyValidatorFor(operationId: string, contentType: string | undefined): BodyValidator | undefined {
		if (!this.api) return undefined;
		const mediaType = String(contentType ?? '').split(';')[0].trim().toLowerCase();
		const content = this.operations.get(operationId)?.operation.requestBody?.content;
		const sent = content?.[mediaType]?.schema;
		// The schema openapi-backend validates every body against.
		const checked = (content?.['application/json'] ?? content?.['multipart/form-data'] ?? content?.['application/x-www-form-urlencoded'])?.schema;
		if (!sent || !checked || sent === checked || JSON.stringify(sent) === JSON.stringify(checked)) return undefined;
		const key = `${operationId} ${mediaType}`;
		let validator = this.bodyValidators.get(key);
		if (!validator) {
			validator = this.api.validator.getAjv(ValidationContext.RequestBody).compile(sent);
			this.bodyValidators.set(key, validator);
		}
		return validator;
	}

	validateResponse(operationId: string, status: number, body: unknown): SpecProblem[] {
		if (!this.api) return [];
		const entry = this.operations.get(operationId);
		const declared = entry?.operation.responses?.[String(status)];
		if (!declared?.content?.['application/json']?.schema) return [];
		const result = this.api.validateResponse(body, operationId, status);
		return (result.errors ?? []).map(describeAjvError);
	}
}

/** The declared type of every property of a schema, through allOf/anyOf/oneOf (init has dereferenced it). */
function collectPropertyTypes(schema: unknown, types: Map<string, unknown>): void {
	if (!isObject(schema)) return;
	for (const key of ['allOf', 'anyOf', 'oneOf']) {
		const parts = schema[key];
		if (Array.isArray(parts)) for (const part of parts) collectPropertyTypes(part, types);
	}
	if (isObject(schema.properties)) {
		for (const [name, property] of Object.entries(schema.properties)) {
			if (isObject(property) && property.type !== undefined && !types.has(name)) types.set(name, property.type);
		}
	}
}

/** Form text as the declared type, when it reads as one; otherwise the text (validation then names it). */
function typedValue(text: string, type: unknown): unknown {
	if ((type === 'integer' && /^-?\d+$/.test(text)) || (type === 'number' && text.trim() !== '' && Number.isFinite(Number(text)))) return Number(text);
	if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
	return text;
}

/** Turns an Ajv error into RingCentral's vocabulary: the offending parameter and why. */
function describeAjvError(error: AjvError): SpecProblem {
	const segments = String(error.instancePath ?? '').split('/').filter(Boolean);
	const where = segments[0];
	let rest = segments.slice(1);
	if (error.keyword === 'required' && error.params?.missingProperty) rest = [...rest, error.params.missingProperty];
	if (error.keyword === 'additionalProperties' && error.params?.additionalProperty) {
		rest = [...rest, error.params.additionalProperty];
	}
	const parameter = rest.map((s) => (/^\d+$/.test(s) ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[') || where || 'body';
	let message = error.message ?? 'is invalid';
	if (error.keyword === 'enum') message = `must be one of ${error.params.allowedValues.join(', ')}`;
	return { parameter, message, location: where };
}
