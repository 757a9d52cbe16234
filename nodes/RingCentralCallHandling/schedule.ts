import type {
	IDataObject,
	IDisplayOptions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyCollection,
	PreSendAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const WEEK_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const WORK_DAYS = WEEK_DAYS.slice(0, 5);

export type WeeklyRanges = Partial<Record<(typeof WEEK_DAYS)[number], Array<{ from: string; to: string }>>>;

const capitalized = (day: string) => day[0].toUpperCase() + day.slice(1);

function timeRangeValues(from: string, to: string): INodeProperties[] {
	return [
		{
			displayName: 'From',
			name: 'from',
			type: 'string',
			default: from,
			placeholder: from,
			description: 'Start of the range, 24-hour clock (hh:mm)',
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: to,
			placeholder: to,
			description: 'End of the range, 24-hour clock (hh:mm, up to 23:59)',
		},
	];
}

/**
 * The weekly schedule editor: time ranges added per weekday (several per day allowed), plus an
 * "every weekday" shortcut that applies a range to Monday to Friday.
 */
export function weeklyScheduleField(displayOptions?: IDisplayOptions, description?: string): INodeProperties {
	const days: INodePropertyCollection[] = WEEK_DAYS.map((day) => ({
		displayName: capitalized(day),
		name: day,
		values: timeRangeValues('09:00', '17:00'),
	}));
	return {
		displayName: 'Weekly Schedule',
		name: 'weeklySchedule',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Time Range',
		default: {},
		description:
			description ?? 'Time ranges per day of the week; add a day several times for a split day (e.g. 09:00–12:00 and 13:00–17:00)',
		...(displayOptions ? { displayOptions } : {}),
		options: [{ displayName: 'Every Weekday (Mon–Fri)', name: 'weekdays', values: timeRangeValues('09:00', '17:00') }, ...days],
	};
}

/** `9:00` → `09:00`; undefined when it is not a time of day. */
function normalizedTime(value: unknown): string | undefined {
	const match = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(String(value ?? ''));
	if (!match) return undefined;
	const [hours, minutes] = [Number(match[1]), Number(match[2])];
	if (hours > 23 || minutes > 59) return undefined;
	return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

/**
 * RingCentral's `weeklyRanges` from the editor's value: ranges checked (hh:mm, start before end)
 * and sorted per day. Throws a message naming the day and the range.
 */
export function weeklyRangesFrom(value: IDataObject | undefined, fieldName = 'Weekly Schedule'): WeeklyRanges {
	const ranges: WeeklyRanges = {};
	const entries: Array<[string, IDataObject[]]> = Object.entries(value ?? {}).map(([key, rows]) => [key, (rows as IDataObject[]) ?? []]);
	for (const [key, rows] of entries) {
		const days = key === 'weekdays' ? WORK_DAYS : [key as (typeof WEEK_DAYS)[number]];
		rows.forEach((row, index) => {
			const where = `${fieldName}, ${key === 'weekdays' ? 'Every Weekday' : capitalized(key)} range ${index + 1}`;
			const from = normalizedTime(row.from);
			const to = normalizedTime(row.to);
			if (!from) throw new Error(`${where}: "From" must be a time like 09:00 (24-hour clock), not "${String(row.from ?? '')}"`);
			if (!to) throw new Error(`${where}: "To" must be a time like 17:00 (24-hour clock), not "${String(row.to ?? '')}"`);
			if (from >= to) throw new Error(`${where}: the range must end after it starts (${from}–${to})`);
			for (const day of days) (ranges[day] ??= []).push({ from, to });
		});
	}
	for (const day of WEEK_DAYS) ranges[day]?.sort((a, b) => a.from.localeCompare(b.from));
	return Object.fromEntries(WEEK_DAYS.filter((day) => ranges[day]).map((day) => [day, ranges[day]])) as WeeklyRanges;
}

/** The Business Hours update: custom weekly hours, or open around the clock. */
export function businessHoursFields(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Hours',
			name: 'hours',
			type: 'options',
			options: [
				{ name: 'Custom Hours', value: 'custom', description: 'Open during the time ranges of the weekly schedule' },
				{ name: '24 Hours, 7 Days a Week', value: 'always', description: 'Always open: the after-hours rule never applies' },
			],
			default: 'custom',
			description: 'When business hours apply; the rest of the week is after hours',
			displayOptions,
		},
		weeklyScheduleField({ show: { ...displayOptions.show, hours: ['custom'] } }),
	];
}

/** Builds `{ schedule }` for a Business Hours update from the fields above. */
export function businessHoursBody(): PreSendAction {
	return async function (this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
		const itemIndex = this.getItemIndex();
		if (this.getNodeParameter('hours', 'custom') === 'always') return { ...options, body: { schedule: {} } };
		let weeklyRanges: WeeklyRanges;
		try {
			weeklyRanges = weeklyRangesFrom(this.getNodeParameter('weeklySchedule', {}) as IDataObject);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
		}
		if (!Object.keys(weeklyRanges).length) {
			throw new NodeOperationError(this.getNode(), 'Add at least one time range under "Weekly Schedule", or choose 24 Hours, 7 Days a Week', {
				itemIndex,
			});
		}
		return { ...options, body: { schedule: { weeklyRanges } } };
	};
}
