/**
 * RingCentral's official OpenAPI spec: request/response validation and the usage-plan
 * (x-throttling-group) of every operation. Without the file the emulator runs lenient.
 */
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
const { OpenAPIBackend } = require('openapi-backend');
const addFormats = require('ajv-formats');

/** RingCentral's spec, pinned in the repository (spec/README.md says where it comes from). */
const DEFAULT_SPEC = path.resolve(__dirname, '../../spec/rc-public-openapi.yml');

/** @type {Map<string, any>} */
const cache = new Map();

function specPath() {
	return process.env.RC_OPENAPI_SPEC || DEFAULT_SPEC;
}

/**
 * Two defects in the published file stop any strict validator from compiling it: an empty
 * `allOf` (TcrCampaignRecord) and a `nullable` without a `type`; and scalar query parameters marked
 * `explode: false` (page, perPage of many lists) trip the validator's array splitting. All are
 * repaired here the way OpenAPI defines them, so nothing else in the spec is relaxed.
 * @param {any} node
 */
function repairSpec(node) {
	if (Array.isArray(node)) {
		node.forEach(repairSpec);
		return;
	}
	if (!node || typeof node !== 'object') return;
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

/** A scalar schema, or a choice between scalars (the call log's perPage: an integer or "max"). @param {any} schema */
function isScalarSchema(schema) {
	if (!schema || typeof schema !== 'object') return false;
	if (schema.type) return !['array', 'object'].includes(schema.type);
	const choices = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
	return choices.length > 0 && choices.every(isScalarSchema);
}

/** @returns {Promise<SpecModel>} */
async function loadSpec(file = specPath()) {
	if (cache.has(file)) return cache.get(file);
	const promise = (async () => {
		if (!fs.existsSync(file)) return new SpecModel(null, file);
		const definition = /** @type {any} */ (yaml.load(fs.readFileSync(file, 'utf8')));
		repairSpec(definition);
		const api = new OpenAPIBackend({
			definition,
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

/**
 * OpenAPI's default `simple` style serializes an array path parameter as `1,2,3` (RingCentral's
 * batch ids); openapi-backend hands it to the validator as one string, so split it first.
 * @param {any} api
 */
function splitArrayPathParameters(api) {
	const parse = api.router.parseRequest.bind(api.router);
	api.router.parseRequest = (/** @type {any} */ req, /** @type {any} */ operation) => {
		const parsed = parse(req, operation);
		for (const parameter of operation?.parameters ?? []) {
			const value = parsed.params?.[parameter.name];
			if (parameter.in === 'path' && parameter.schema?.type === 'array' && typeof value === 'string') {
				parsed.params[parameter.name] = value.split(',');
			}
		}
		return parsed;
	};
}

class SpecModel {
	/** @param {any} api @param {string} file */
	constructor(api, file) {
		this.api = api;
		this.file = file;
		this.available = Boolean(api);
		/** @type {Map<string, {method: string, path: string, group: string, operation: any}>} */
		this.operations = new Map();
		/** @type {Map<string, any>} */
		this.bodyValidators = new Map();
		if (!api) return;
		for (const [route, item] of Object.entries(api.definition.paths)) {
			for (const [method, operation] of Object.entries(/** @type {any} */ (item))) {
				if (!operation?.operationId) continue;
				this.operations.set(operation.operationId, {
					method: method.toUpperCase(),
					path: route,
					group: operation['x-throttling-group'] ?? 'Medium',
					operation,
				});
			}
		}
	}

	/** @param {string} operationId */
	groupOf(operationId) {
		return this.operations.get(operationId)?.group;
	}

	/**
	 * @param {string} operationId
	 * @param {{method: string, path: string, query: Record<string, any>, headers: Record<string, any>, body: any}} request
	 * @returns {Array<{parameter: string, message: string}>}
	 */
	validateRequest(operationId, request) {
		if (!this.api) return [];
		const bodyValidator = this.bodyValidatorFor(operationId, request.headers?.['content-type']);
		if (!bodyValidator) {
			const result = this.api.validateRequest({ ...request, query: { ...request.query } }, operationId);
			return (result.errors ?? []).map(describeAjvError);
		}
		// Path, query and headers as usual; the body against its own media type's schema.
		const result = this.api.validateRequest({ ...request, query: { ...request.query }, body: undefined }, operationId);
		const errors = (result.errors ?? []).filter((/** @type {any} */ e) => e.params?.missingProperty !== 'requestBody');
		if (!bodyValidator(request.body)) {
			errors.push(...(bodyValidator.errors ?? []).map((/** @type {any} */ e) => ({ ...e, instancePath: `/requestBody${e.instancePath}` })));
		}
		return errors.map(describeAjvError);
	}

	/**
	 * openapi-backend checks every body against the application/json schema when there is one,
	 * but createFaxMessage's multipart form (the documents) and its JSON form (resend by
	 * originalMessageId) differ; so do the greeting uploads' two multipart forms. Such bodies get
	 * a validator for the media type they were sent as.
	 * @param {string} operationId @param {string|undefined} contentType
	 */
	bodyValidatorFor(operationId, contentType) {
		const mediaType = String(contentType ?? '').split(';')[0].trim().toLowerCase();
		const content = this.operations.get(operationId)?.operation.requestBody?.content;
		const sent = content?.[mediaType]?.schema;
		// The schema openapi-backend validates every body against.
		const checked = (content?.['application/json'] ?? content?.['multipart/form-data'] ?? content?.['application/x-www-form-urlencoded'])?.schema;
		if (!sent || !checked || sent === checked || JSON.stringify(sent) === JSON.stringify(checked)) return undefined;
		const key = `${operationId} ${mediaType}`;
		if (!this.bodyValidators.has(key)) this.bodyValidators.set(key, this.api.validator.getAjv('requestBodyValidator').compile(sent));
		return this.bodyValidators.get(key);
	}

	/** @param {string} operationId @param {number} status @param {any} body */
	validateResponse(operationId, status, body) {
		if (!this.api) return [];
		const entry = this.operations.get(operationId);
		const declared = entry?.operation.responses?.[String(status)];
		if (!declared?.content?.['application/json']?.schema) return [];
		const result = this.api.validateResponse(body, operationId, status);
		return (result.errors ?? []).map(describeAjvError);
	}
}

/** Turns an Ajv error into RingCentral's vocabulary: the offending parameter and why. */
function describeAjvError(/** @type {any} */ error) {
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

module.exports = { loadSpec, specPath, repairSpec };
