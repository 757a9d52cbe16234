/** API versions and the current extension: what a credential test and a health check read. */
const { accountOf, extensionOf } = require('./common');
const { errors } = require('../errors');

const VERSION = { versionString: '1.0.62', releaseDate: '2026-08-13T00:00:00.000Z', uriString: 'v1.0' };

/** @returns {import('../server').Route[]} */
function routes() {
	return [
		{
			method: 'GET',
			path: '/restapi',
			operationId: 'readAPIVersions',
			handler: (ctx) => ({
				body: {
					uri: `${ctx.baseUrl}/restapi`,
					apiVersions: [{ uri: `${ctx.baseUrl}/restapi/v1.0`, ...VERSION }],
					serverVersion: '26.3.0-emulator',
					serverRevision: 'emulator',
				},
			}),
		},
		{
			method: 'GET',
			path: '/restapi/{apiVersion}',
			operationId: 'readAPIVersion',
			handler: (ctx) => {
				if (ctx.params.apiVersion !== 'v1.0') throw errors.notFound('apiVersion');
				return { body: { uri: `${ctx.baseUrl}/restapi/v1.0`, ...VERSION } };
			},
		},
		{
			method: 'GET',
			path: '/restapi/v1.0/account/{accountId}/extension/{extensionId}',
			operationId: 'readExtension',
			handler: (ctx) => {
				const accountId = accountOf(ctx);
				const id = extensionOf(ctx);
				const extension = ctx.state.extensions.get(id);
				return {
					body: {
						id: Number(id),
						uri: `${ctx.baseUrl}/restapi/v1.0/account/${accountId}/extension/${id}`,
						extensionNumber: extension.extensionNumber,
						name: extension.name,
						type: extension.type,
						status: extension.status,
						account: { id: accountId, uri: `${ctx.baseUrl}/restapi/v1.0/account/${accountId}` },
					},
				};
			},
		},
	];
}

module.exports = { routes };
