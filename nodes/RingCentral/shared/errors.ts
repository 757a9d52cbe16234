export function describeTokenEndpointError(error: any): string {
	const data = error?.response?.data ?? error?.cause?.response?.data;
	return JSON.stringify(data ?? error?.message);
}
