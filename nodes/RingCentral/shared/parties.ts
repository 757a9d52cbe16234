import type { IDataObject } from 'n8n-workflow';

/** How a party of a message or call is reached: its phone number, or the extension number of a colleague. */
export function partyNumber(party: IDataObject | undefined): string | undefined {
	return (party?.phoneNumber ?? party?.extensionNumber) as string | undefined;
}
