/** n8n expressions scenarios use to feed their nodes from the webhook call. */
import { hookName, stepName } from '../workflows';

/** A field of the webhook body, read by the node right after the webhook. */
export const body = (field: string) => `={{ $json.body.${field} }}`;

/** A field of the webhook body, read by any step of the chain. */
export const input = (id: string, field: string) => `={{ $('${hookName(id)}').first().json.body.${field} }}`;

/** The JSON of an earlier step of the chain, inside an expression. */
export const output = (id: string, step: string) => `$('${stepName(id, step)}').first().json`;

/** A resource locator given by ID. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
