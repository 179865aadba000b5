/**
 * Addresses that only this machine or its local network can reach, or that no service on the
 * internet can call: loopback, private, link-local, CGNAT, multicast, reserved and documentation
 * ranges (IANA's IPv4 and IPv6 Special-Purpose Address Registries), IPv6 addresses that embed such
 * an IPv4 address (IPv4-mapped, NAT64, 6to4), and names without a dot or under local-only
 * suffixes. Used to refuse a download from a local address (egress.ts) and a resume URL that Akool
 * (on the internet) could never call (callback.ts).
 *
 * Hosts are read as WHATWG URL parsing leaves them: `[::ffff:127.0.0.1]` arrives as
 * `[::ffff:7f00:1]` and `0x7f.1` as `127.0.0.1`, so IPv6 is parsed into its 16 bytes, not matched
 * as text (R11).
 */

/** IPv4 ranges (first address as 4 bytes, prefix length) that are not public unicast. */
const IPV4_RANGES: Array<[number[], number]> = [
	[[0, 0, 0, 0], 8], // "this network"
	[[10, 0, 0, 0], 8], // private
	[[100, 64, 0, 0], 10], // shared address space (CGNAT)
	[[127, 0, 0, 0], 8], // loopback
	[[169, 254, 0, 0], 16], // link-local (cloud metadata)
	[[172, 16, 0, 0], 12], // private
	[[192, 0, 0, 0], 24], // IETF protocol assignments
	[[192, 0, 2, 0], 24], // TEST-NET-1
	[[192, 168, 0, 0], 16], // private
	[[198, 18, 0, 0], 15], // benchmarking
	[[198, 51, 100, 0], 24], // TEST-NET-2
	[[203, 0, 113, 0], 24], // TEST-NET-3
	[[224, 0, 0, 0], 4], // multicast
	[[240, 0, 0, 0], 4], // reserved, and 255.255.255.255 (broadcast)
];

/** IPv6 ranges (first address as 16 bytes, prefix length) that are not public unicast, besides ::/8 (see ipv6Private). */
const IPV6_RANGES: Array<[number[], number]> = [
	[bytes6([0x01, 0x00]), 64], // discard-only (100::/64)
	[bytes6([0x20, 0x01, 0x0d, 0xb8]), 32], // documentation (2001:db8::/32)
	[bytes6([0xfc]), 7], // unique local (fc00::/7)
	[bytes6([0xfe, 0x80]), 10], // link-local (fe80::/10)
	[bytes6([0xfe, 0xc0]), 10], // site-local, deprecated (fec0::/10)
	[bytes6([0xff]), 8], // multicast (ff00::/8)
];

function bytes6(prefix: number[]): number[] {
	return [...prefix, ...new Array<number>(16 - prefix.length).fill(0)];
}

function inRange(address: number[], [start, bits]: [number[], number]): boolean {
	for (let bit = 0; bit < bits; bit += 8) {
		const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
		if ((address[bit / 8] & mask) !== (start[bit / 8] & mask)) return false;
	}
	return true;
}

/** Dotted-quad IPv4 (as URL parsing writes it) → 4 bytes, else undefined. */
function parseIpv4(host: string): number[] | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
	return parts.map(Number);
}

/** IPv6 text (with `::`, an optional trailing dotted quad, no zone) → 16 bytes, else undefined. */
function parseIpv6(text: string): number[] | undefined {
	let host = text;
	let tail: number[] = [];
	const lastColon = host.lastIndexOf(':');
	if (host.slice(lastColon + 1).includes('.')) {
		const v4 = parseIpv4(host.slice(lastColon + 1));
		if (!v4) return undefined;
		tail = v4;
		host = `${host.slice(0, lastColon + 1)}0:0`; // two placeholder groups, replaced below
	}
	const halves = host.split('::');
	if (halves.length > 2) return undefined;
	const groups = (part: string) => (part === '' ? [] : part.split(':'));
	const head = groups(halves[0]);
	const rest = halves.length === 2 ? groups(halves[1]) : [];
	const missing = 8 - head.length - rest.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	const all = [...head, ...new Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
	if (all.some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return undefined;
	const bytes = all.flatMap((group) => {
		const value = parseInt(group, 16);
		return [value >> 8, value & 0xff];
	});
	if (tail.length) bytes.splice(12, 4, ...tail);
	return bytes;
}

function ipv4Private(address: number[]): boolean {
	return IPV4_RANGES.some((range) => inRange(address, range));
}

function ipv6Private(address: number[]): boolean {
	const embedded = address.slice(12);
	const zeros = (from: number, to: number) => address.slice(from, to).every((byte) => byte === 0);
	// IPv4-mapped (::ffff:a.b.c.d): the IPv4 address is what the connection reaches.
	if (zeros(0, 10) && address[10] === 0xff && address[11] === 0xff) return ipv4Private(embedded);
	// NAT64 (64:ff9b::/96): the gateway connects to the embedded IPv4 address.
	if (inRange(address, [bytes6([0x00, 0x64, 0xff, 0x9b]), 96])) return ipv4Private(embedded);
	// The rest of ::/8: unspecified, loopback, IPv4-compatible (deprecated, not routed),
	// IPv4-translated, local-use NAT64 (64:ff9b:1::/48), reserved.
	if (address[0] === 0) return true;
	// 6to4 (2002::/16): traffic goes to the IPv4 address in bytes 2–5.
	if (address[0] === 0x20 && address[1] === 0x02) return ipv4Private(address.slice(2, 6));
	return IPV6_RANGES.some((range) => inRange(address, range));
}

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.lan', '.home.arpa', '.localdomain'];

export function isPrivateHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
	if (host === '') return true;
	const v4 = parseIpv4(host);
	if (v4) return ipv4Private(v4);
	if (host.includes(':')) {
		// Not an IPv6 address (a URL never gives one): refused, as a host no rule can judge.
		const v6 = parseIpv6(host.replace(/%.*$/, ''));
		return v6 ? ipv6Private(v6) : true;
	}
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
