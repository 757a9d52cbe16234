/**
 * The shapes every area shares: what a route handler gets for one request (HandlerContext), what
 * it answers (HandlerResult), and the route table entry that binds it to a spec operation.
 */
import type { IncomingHttpHeaders } from 'node:http';

import type { MultipartPart } from './http-util';
import type { Emulator } from './server';
import type { State } from './state';

/** A JSON value, as the emulator keeps and sends it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A request body as the client sent it. It is arbitrary JSON: the spec validation that runs before
 * any handler vouches for its shape, so handlers read it as the operation's schema describes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RequestBody = any;

/**
 * JSON the control API answers with (a stored message, a notification body, …): the emulator's own
 * records in RingCentral's shapes. In-process callers read it as they would a fetched answer's json().
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ControlJson = any;

/** Query parameters: a key given more than once arrives as a list. */
export type Query = Record<string, string | string[]>;

/** Who the bearer token belongs to. */
export interface Auth {
	accountId: string;
	extensionId: string;
	clientId: string;
}

export interface HandlerContext {
	method: string;
	path: string;
	/** path parameters of the route's template, URI-decoded */
	params: Record<string, string>;
	query: Query;
	headers: IncomingHttpHeaders;
	body: RequestBody;
	rawBody: Buffer;
	/** the parts of a multipart request */
	parts?: MultipartPart[];
	/** http://host:port the client addressed, for absolute URIs in answers */
	baseUrl: string;
	auth: Auth;
	state: State;
	operationId: string;
	/** records a notification owned by the signed-in extension */
	emit: (event: string, body: unknown) => void;
	/** the state an area keeps beyond the shared directory, created on first use */
	store: <T>(name: string, init: () => T) => T;
}

/** A handler that also reaches the emulator (see areas/common `withEmulator`). */
export interface EmulatorContext extends HandlerContext {
	emulator: Emulator;
}

export interface HandlerResult {
	/** defaults to 200, or 204 when there is neither body nor raw */
	status?: number;
	/** sent as JSON and validated against the operation's response schema */
	body?: unknown;
	headers?: Record<string, string>;
	/** sent as is (binary content, multipart answers), not validated */
	raw?: string | Buffer;
	contentType?: string;
}

export type Handler = (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>;

export interface Route {
	method: string;
	/** the spec's path template, e.g. /restapi/v1.0/account/{accountId} */
	path: string;
	operationId: string;
	handler: Handler;
}

/** One module per RingCentral API area. */
export interface AreaModule {
	routes(emulator: Emulator): Route[];
}
