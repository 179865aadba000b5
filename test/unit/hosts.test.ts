import { hasPrivateHost, isPrivateHost } from '../../nodes/Akool/helpers/hosts';

describe('isPrivateHost: addresses Akool on the internet could never call', () => {
	it.each([
		'localhost', 'LOCALHOST', 'n8n', 'my-server', 'n8n.local', 'box.lan', 'api.internal', 'x.localhost', 'router.home.arpa',
		'127.0.0.1', '127.8.9.10', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.20', '169.254.169.254',
		'100.64.0.1', '0.0.0.0', '[::1]', '::1', 'fd00::1', 'fe80::1', '::ffff:10.1.2.3', '',
	])('%s is private', (host) => expect(isPrivateHost(host)).toBe(true));

	it.each(['openapi.akool.com', 'n8n.example.com', '8.8.8.8', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2001:4860::8888', 'localhost.example.com'])(
		'%s is public',
		(host) => expect(isPrivateHost(host)).toBe(false),
	);

	it('reads the host of a URL; an unparsable URL counts as private', () => {
		expect(hasPrivateHost('http://127.0.0.1:5678/webhook-waiting/1?signature=x')).toBe(true);
		expect(hasPrivateHost('https://n8n.example.com/webhook-waiting/1')).toBe(false);
		expect(hasPrivateHost('not a url')).toBe(true);
	});
});

/**
 * R11: the IPv6 forms WHATWG URL parsing produces (it rewrites `[::ffff:127.0.0.1]` as
 * `[::ffff:7f00:1]`), addresses that embed an IPv4 one, and the special-purpose ranges
 * (IANA IPv4/IPv6 Special-Purpose Address Registries) that no internet service can call.
 */
describe('isPrivateHost: IPv6 forms and special-purpose ranges (R11)', () => {
	it.each([
		// IPv4-mapped (::ffff:0:0/96), as URL parsing writes them and in dotted form
		['[::ffff:7f00:1]', 'mapped loopback'],
		['::ffff:a9fe:a9fe', 'mapped metadata (169.254.169.254)'],
		['::ffff:0a01:0203', 'mapped 10.1.2.3'],
		['::ffff:c0a8:0101', 'mapped 192.168.1.1'],
		['::FFFF:7F00:0001', 'upper case, leading zeros'],
		['0:0:0:0:0:ffff:7f00:1', 'uncompressed'],
		['::ffff:127.0.0.1', 'dotted'],
		// IPv4-compatible (::/96, deprecated) and NAT64 (64:ff9b::/96) embedding a private IPv4
		['::7f00:1', 'compatible loopback'],
		['::127.0.0.1', 'compatible, dotted'],
		['64:ff9b::7f00:1', 'NAT64 loopback'],
		['64:ff9b::a9fe:a9fe', 'NAT64 metadata'],
		['64:ff9b::10.0.0.1', 'NAT64, dotted'],
		['64:ff9b:1::808:808', 'local-use NAT64 (64:ff9b:1::/48)'],
		['2002:7f00:1::', '6to4 of 127.0.0.1'],
		['2002:a9fe:a9fe::1', '6to4 of 169.254.169.254'],
		['::ffff:0:7f00:1', 'IPv4-translated (::ffff:0:0:0/96)'],
		['::ffff:7f00:1:2', 'reserved (::/8)'],
		['::808:808', 'compatible, even of a public IPv4 (deprecated, not routed)'],
		// IPv6 ranges
		['::', 'unspecified'],
		['0:0:0:0:0:0:0:1', 'loopback, uncompressed'],
		['fc00::1', 'unique local'],
		['fdff:ffff::1', 'unique local'],
		['febf::1', 'link-local (fe80::/10)'],
		['fec0::1', 'site-local (deprecated)'],
		['ff02::1', 'multicast'],
		['ff0e::101', 'global multicast'],
		['100::1', 'discard-only (100::/64)'],
		['2001:db8::1', 'documentation'],
		['[fe80::1%eth0]', 'with a zone'],
		// IPv4 special-purpose ranges
		['198.18.0.1', 'benchmarking (198.18.0.0/15)'],
		['198.19.255.255', 'benchmarking (198.18.0.0/15)'],
		['224.0.0.1', 'multicast (224.0.0.0/4)'],
		['239.255.255.250', 'multicast (224.0.0.0/4)'],
		['240.0.0.1', 'reserved (240.0.0.0/4)'],
		['255.255.255.255', 'broadcast'],
		['192.0.0.8', 'IETF protocol assignments (192.0.0.0/24)'],
		['192.0.2.1', 'TEST-NET-1'],
		['198.51.100.7', 'TEST-NET-2'],
		['203.0.113.9', 'TEST-NET-3'],
		['100.127.255.255', 'shared address space (100.64.0.0/10)'],
	])('%s is private (%s)', (host) => expect(isPrivateHost(host)).toBe(true));

	it.each([
		['::ffff:808:808', 'mapped 8.8.8.8'],
		['[::ffff:5db8:d822]', 'mapped 93.184.216.34'],
		['64:ff9b::808:808', 'NAT64 of 8.8.8.8'],
		['2002:808:808::1', '6to4 of 8.8.8.8'],
		['2606:4700:4700::1111', 'global unicast'],
		['2001:4860:4860::8888', 'global unicast'],
		['198.20.0.1', 'just past 198.18.0.0/15'],
		['198.17.255.255', 'just before 198.18.0.0/15'],
		['223.255.255.255', 'just before multicast'],
		['192.0.1.1', 'just past 192.0.0.0/24'],
		['fbff::1', 'just before fc00::/7'],
		['fe7f::1', 'just before fe80::/10'],
	])('%s is public (%s)', (host) => expect(isPrivateHost(host)).toBe(false));

	it.each(['1::2::3', '12345::1', 'g::1', ':1', '1:2:3:4:5:6:7:8:9', '::ffff:300.1.1.1'])(
		'%s is not an IPv6 address: refused (a name without a dot, or not parsable)',
		(host) => expect(isPrivateHost(host)).toBe(true),
	);

	it('URLs as the node receives them: the parsed host decides', () => {
		for (const url of [
			'https://[::ffff:127.0.0.1]:8443/x.mp4',
			'https://[::ffff:169.254.169.254]/latest/meta-data',
			'https://[::127.0.0.1]/x',
			'https://[64:ff9b::127.0.0.1]/x',
			'https://0x7f.1/x',
			'https://2130706433/x',
			'https://[::ffff:10.0.0.1]/x',
		]) {
			expect([url, hasPrivateHost(url)]).toEqual([url, true]);
		}
		expect(hasPrivateHost('https://[::ffff:8.8.8.8]/x')).toBe(false);
	});
});
