import type { IDataObject, IExecutePaginationFunctions, IHttpRequestOptions, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ringCentralDirectRequest } from '../RingCentral/shared/directRequest';
import { isSmsSenderRefusal, setHint } from '../RingCentral/shared/hints';
import { PICKER_PAGE_SIZE, numberKind } from '../RingCentral/shared/listSearch';

/**
 * SMS Send refused because of its From number (MSG-304): the error also lists the numbers of the
 * sending extension that can send SMS (RingCentral's SmsSender feature), looked up through the
 * same client, or says that there are none. A failed look-up is mentioned, never thrown.
 */
export async function explainSmsSenderRefusal(
	this: IExecutePaginationFunctions,
	error: NodeApiError | NodeOperationError,
	request: IHttpRequestOptions,
): Promise<void> {
	const reported = error.context?.ringCentral as IDataObject | undefined;
	if (!reported || !isSmsSenderRefusal(reported.httpStatus, reported.errorCode, reported.parameterName)) return;
	// The extension the SMS was sent as: the request's own path, with extension numbers already looked up.
	const numbersUrl = String(request.url ?? '').replace(/\/sms$/, '/phone-number');
	let senders: string;
	try {
		const answer = await ringCentralDirectRequest.call(this, 'GET', numbersUrl, { qs: { perPage: PICKER_PAGE_SIZE } });
		const numbers = ((answer.records as IDataObject[] | undefined) ?? []).filter((number) =>
			((number.features as string[] | undefined) ?? []).includes('SmsSender'),
		);
		senders = numbers.length
			? `Numbers of this user that can send SMS: ${numbers.map((number) => `${String(number.phoneNumber)} (${numberKind(number)})`).join(', ')}. Choose one in From: its From list offers only these.`
			: 'This user has no number that can send SMS: ask a RingCentral admin to enable SMS on one of the user\'s numbers.';
	} catch (lookup) {
		senders = `The user's numbers could not be listed: ${(lookup as Error).message}`;
	}
	setHint(error, reported, senders, true);
}
