/**
 * Addresses that only this machine or its local network can reach: loopback, private and
 * link-local ranges, CGNAT, unspecified, and names without a dot or under local-only suffixes.
 * Used to refuse a resume URL that Akool (on the internet) could never call.
 */

function ipv4Private(host: string): boolean | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
	const [a, b] = parts.map(Number);
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		(a === 100 && b >= 64 && b <= 127)
	);
}

function ipv6Private(host: string): boolean | undefined {
	if (!host.includes(':')) return undefined;
	const h = host.toLowerCase();
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
	if (mapped) return ipv4Private(mapped[1]) ?? true;
	return h === '::1' || h === '::' || /^f[cd]/.test(h) || /^fe[89ab]/.test(h);
}

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa', '.localdomain'];

export function isPrivateHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
	if (host === '') return true;
	const v4 = ipv4Private(host);
	if (v4 !== undefined) return v4;
	const v6 = ipv6Private(host);
	if (v6 !== undefined) return v6;
	if (host === 'localhost' || !host.includes('.')) return true;
	return LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** The URL's host is private (see isPrivateHost); an unparsable URL counts as private. */
export function hasPrivateHost(url: string): boolean {
	try {
		return isPrivateHost(new URL(url).hostname);
	} catch {
		return true;
	}
}

export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return '';
	}
}
