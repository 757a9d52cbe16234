import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, PreSendAction } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryInput, multipartRequest } from '../RingCentral/shared/binary';
import { locatorValue } from '../RingCentral/shared/locators';
import type { FormPart } from '../RingCentral/shared/multipart';

const AUDIO_BY_EXTENSION: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mpeg' };

/**
 * RingCentral's multipart/form-data greeting upload: text fields `type` and (when given)
 * `answeringRuleId`, and the audio file as `binary`. Audio read from disk without a known audio
 * type is labelled by its file extension, since RingCentral refuses anything not labelled audio.
 */
export function greetingUpload(): PreSendAction {
	return multipartRequest(async function (this: IExecuteSingleFunctions) {
		const property = String(this.getNodeParameter('binaryPropertyName', 'data')).trim();
		const { data, meta } = await binaryInput(this, property);
		const extension = (meta.fileExtension ?? meta.fileName?.split('.').pop() ?? '').toLowerCase();
		const contentType = meta.mimeType?.startsWith('audio/') ? meta.mimeType : (AUDIO_BY_EXTENSION[extension] ?? meta.mimeType);
		const answeringRuleId = locatorValue(this.getNodeParameter('answeringRuleId', ''));
		const field = (name: string, value: string): FormPart => ({ name, data: value, contentType: 'text/plain; charset=UTF-8' });
		return [
			field('type', String(this.getNodeParameter('greetingType'))),
			...(answeringRuleId ? [field('answeringRuleId', answeringRuleId)] : []),
			{ name: 'binary', data, contentType, fileName: meta.fileName ?? `greeting.${extension || 'wav'}` },
		];
	});
}

/** Greeting rows of a caller blocking update become RingCentral's `greetings` (a preset per blocked-call case). */
export function blockedCallerGreetings(collection: string): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const fields = this.getNodeParameter(collection, {}) as IDataObject;
		const rows = ((fields.greetings as IDataObject | undefined)?.greeting as IDataObject[] | undefined) ?? [];
		if (!rows.length) return options;
		const greetings = rows.map((row, index) => {
			const presetId = locatorValue(row.presetId);
			if (!presetId) {
				throw new NodeOperationError(this.getNode(), `Greetings row ${index + 1}: enter the standard greeting ID`, {
					itemIndex: this.getItemIndex(),
				});
			}
			return { type: row.type, preset: { id: presetId } };
		});
		return { ...options, body: { ...((options.body as IDataObject) ?? {}), greetings } };
	};
}
