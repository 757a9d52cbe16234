import type { IDisplayOptions, INodeParameterResourceLocator, INodeProperties, INodePropertyMode } from 'n8n-workflow';

/** The mode of a picked extension given by its short number (101) instead of its internal ID. */
export const EXTENSION_NUMBER_MODE = 'extensionNumber';

/** What `~` stands for wherever RingCentral takes it as an account or extension. */
export const ME = '~';
export const ME_NAME = 'Me (the signed-in user)';

export function isResourceLocator(value: unknown): value is INodeParameterResourceLocator {
	return Boolean(value && typeof value === 'object' && (value as { __rl?: unknown }).__rl);
}

/**
 * The id, number or text a field holds: the value of a resource locator (node version 2 and
 * later) or the plain text of the field it replaced (version 1 workflows), trimmed.
 */
export function locatorValue(value: unknown): string {
	const raw = isResourceLocator(value) ? value.value : value;
	return raw === undefined || raw === null ? '' : String(raw).trim();
}

/** The mode a resource locator was set in (`list`, `id`, …); undefined for a plain field. */
export function locatorMode(value: unknown): string | undefined {
	return isResourceLocator(value) ? String(value.mode) : undefined;
}

export function fromListMode(searchListMethod: string, extra: Partial<INodePropertyMode> = {}): INodePropertyMode {
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, not a parameter
	return { displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true }, ...extra };
}

/** A "By ID" mode whose value must match `pattern` (digits unless told otherwise). */
export function byIdMode(placeholder: string, options: { pattern?: string; errorMessage?: string } = {}): INodePropertyMode {
	const { pattern = '^\\s*\\d+\\s*$', errorMessage = 'An ID is a number' } = options;
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, not a parameter
	return {
		displayName: 'By ID',
		name: 'id',
		type: 'string',
		placeholder,
		validation: [{ type: 'regex', properties: { regex: pattern, errorMessage } }],
	};
}

interface LocatorField {
	name: string;
	displayName: string;
	description: string;
	displayOptions?: IDisplayOptions;
	required?: boolean;
	hint?: string;
	/** the initial value; an empty pick from the list when left out */
	initial?: { mode: string; value: string; cachedResultName?: string };
}

export function resourceLocator(field: LocatorField, modes: INodePropertyMode[]): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: modes[0].name, value: '', ...field.initial },
		required: field.required ?? true,
		description: field.description,
		...(field.hint ? { hint: field.hint } : {}),
		...(field.displayOptions ? { displayOptions: field.displayOptions } : {}),
		modes,
	};
}

const EXTENSION_NUMBER_PATTERN = '^\\s*\\d{1,8}\\s*$';

/**
 * An extension (a user, call queue, IVR menu, …) picked from the company directory, by internal
 * ID, or by its short extension number. `me` starts it on the signed-in user (`~`).
 */
export function extensionLocator(
	displayOptions: IDisplayOptions | undefined,
	options: Partial<Omit<LocatorField, 'displayOptions'>> & { me?: boolean; byNumber?: boolean; searchListMethod?: string } = {},
): INodeProperties {
	const { me = true, byNumber = true, searchListMethod = 'searchExtensions', ...field } = options;
	const modes = [
		fromListMode(searchListMethod),
		byIdMode(me ? '62264425016 (or ~ for the signed-in user)' : '62264425016', {
			pattern: me ? '^\\s*(~|\\d+)\\s*$' : undefined,
			errorMessage: me ? 'An extension ID is a number (or ~)' : 'An extension ID is a number',
		}),
		...(byNumber
			? [
					// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, not a parameter
					{
						displayName: 'By Extension Number',
						name: EXTENSION_NUMBER_MODE,
						type: 'string',
						placeholder: '101',
						hint: 'The short internal number people dial; it is looked up when the node runs',
						validation: [{ type: 'regex', properties: { regex: EXTENSION_NUMBER_PATTERN, errorMessage: 'An extension number is digits only' } }],
					} as INodePropertyMode,
				]
			: []),
	];
	return resourceLocator(
		{
			name: 'extensionId',
			displayName: 'Extension',
			description: me
				? 'The extension to act on. ~ means the signed-in user\'s own extension (the user of the credential).'
				: 'The extension to act on',
			displayOptions,
			...(me ? { initial: { mode: 'list', value: ME, cachedResultName: ME_NAME } } : {}),
			...field,
		},
		modes,
	);
}

/** A call queue picked from the directory, by ID, or by its extension number. */
export function callQueueLocator(
	displayOptions: IDisplayOptions | undefined,
	options: Partial<Omit<LocatorField, 'displayOptions'>> & { byNumber?: boolean } = {},
): INodeProperties {
	return extensionLocator(displayOptions, {
		me: false,
		searchListMethod: 'searchCallQueues',
		name: 'callQueueId',
		displayName: 'Call Queue',
		description: 'The call queue (a Department extension in RingCentral\'s API)',
		...options,
	});
}

/** A phone number picked from a list (`searchListMethod`) or typed in E.164. */
export function phoneNumberLocator(
	displayOptions: IDisplayOptions | undefined,
	field: Omit<LocatorField, 'displayOptions'> & { searchListMethod: string; placeholder?: string; several?: boolean },
): INodeProperties {
	const { searchListMethod, placeholder = '+16505551001', several = false, ...rest } = field;
	return resourceLocator({ ...rest, displayOptions }, [
		fromListMode(searchListMethod),
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- a locator mode, not a parameter
		{
			displayName: several ? 'By Numbers' : 'By Number',
			name: 'number',
			type: 'string',
			placeholder,
			hint: several
				? 'E.164 numbers separated by commas; spaces, dashes and brackets are removed'
				: 'E.164 format; spaces, dashes and brackets are removed',
		},
	]);
}

/**
 * A required phone number field: E.164 text in version 1, a picker (`searchListMethod`, or numbers
 * typed in) from version 2 on. `routing` (when the field sends itself) serves both.
 */
export function phoneNumberFields(
	displayOptions: IDisplayOptions,
	field: {
		name: string;
		displayName: string;
		placeholder: string;
		/** version 1's text field */
		textDescription: string;
		/** version 2's picker */
		pickerDescription: string;
		searchListMethod: string;
		several?: boolean;
		routing?: INodeProperties['routing'];
	},
): INodeProperties[] {
	const { name, displayName, placeholder, routing } = field;
	const sends = routing ? { routing } : {};
	return versioned(
		{ displayName, name, type: 'string', default: '', required: true, placeholder, description: field.textDescription, ...sends, displayOptions },
		{
			...phoneNumberLocator(displayOptions, {
				name,
				displayName,
				description: field.pickerDescription,
				searchListMethod: field.searchListMethod,
				placeholder,
				several: field.several,
			}),
			...sends,
		},
	);
}

/** displayOptions of node version 1 only: the parameter shapes workflows saved before version 2 have. */
export function onlyVersion1(property: INodeProperties): INodeProperties {
	return withVersions(property, [1]);
}

/** displayOptions from node version 2 on. */
export function fromVersion2(property: INodeProperties): INodeProperties {
	return withVersions(property, [{ _cnd: { gte: 2 } }]);
}

function withVersions(property: INodeProperties, versions: Array<number | { _cnd: { gte: number } }>): INodeProperties {
	const show = { ...(property.displayOptions?.show ?? {}), '@version': versions };
	return { ...property, displayOptions: { ...property.displayOptions, show } };
}

/** A field whose type changed in version 2: the old one for version 1 workflows, the new one after. */
export function versioned(version1: INodeProperties, version2: INodeProperties): INodeProperties[] {
	return [onlyVersion1(version1), fromVersion2(version2)];
}
