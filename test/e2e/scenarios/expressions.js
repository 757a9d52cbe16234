/** n8n expressions scenarios use to feed their nodes from the webhook call. */
const { hookName, stepName } = require('../workflows');

/** A field of the webhook body, read by the node right after the webhook. */
const body = (field) => `={{ $json.body.${field} }}`;

/** A field of the webhook body, read by any step of the chain. */
const input = (id, field) => `={{ $('${hookName(id)}').first().json.body.${field} }}`;

/** The JSON of an earlier step of the chain, inside an expression. */
const output = (id, step) => `$('${stepName(id, step)}').first().json`;

/** A resource locator given by ID. */
const byId = (value) => ({ __rl: true, mode: 'id', value });

module.exports = { body, input, output, byId };
