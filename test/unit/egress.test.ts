/**
 * The download allow-list (helpers/egress.ts) as a table: which URLs the node refuses itself, and
 * which of n8n's egress policies applies to the ones it allows (B5): none for the Base URL's host,
 * n8n's `safe` policy (the admin's N8N_SSRF_* settings) for hosts the user listed, `enforced` for
 * Akool's hosts and "Allow Any Download Host".
 */
import { AKOOL_RESULT_HOSTS, egressPolicy, egressRefusal, egressRule } from '../../nodes/Akool/helpers/egress';

const AKOOL = 'https://openapi.akool.com';

describe('egress rule: Akool\'s result hosts', () => {
	it('include static.website-files.org, where Akool serves effect previews and face crops (item 5)', () => {
		expect(AKOOL_RESULT_HOSTS).toContain('static.website-files.org');
		const rule = egressRule(AKOOL);
		// image2video.mdx "Get Available Effects" (logo, video_url); reage.mdx targetImage[].path.
		for (const url of [
			'https://static.website-files.org/assets/Image_to_Video/Lora/Squish.mp4',
			'https://static.website-files.org/assets/images/faceswap/crop_1719224038759-3888-0-1719224039439-1517.jpg',
		]) {
			expect([url, egressRefusal(url, rule)]).toEqual([url, undefined]);
			expect(egressPolicy(url, rule)).toBe('enforced');
		}
		// Only that host, not its siblings or look-alikes.
		expect(egressRefusal('https://evil.website-files.org/x.png', rule)).toBe('the host is not allowed');
		expect(egressRefusal('https://static.website-files.org.evil.com/x.png', rule)).toBe('the host is not allowed');
	});
});

describe('egressPolicy (B5): which n8n egress policy a URL the node allows gets', () => {
	const rule = egressRule('http://127.0.0.1:4747', ['10.1.2.3', 'minio.lan', '*.files.example.com', '[::ffff:10.1.2.4]'], true);

	it.each([
		['http://127.0.0.1:4747/files/a.mp4', 'trusted', 'the Base URL\'s host: as configured'],
		['https://10.1.2.3/x.mp4', 'safe', 'a private IP the user listed'],
		['https://minio.lan:9000/bucket/x.mp4', 'safe', 'a local name the user listed'],
		['https://cdn.files.example.com/x.mp4', 'safe', 'a public pattern the user listed'],
		['https://[::ffff:a01:204]/x.mp4', 'safe', 'a listed IPv6 form, compared as URL parsing writes it'],
		['https://d1.cloudfront.net/x.mp4', 'enforced', 'Akool\'s result host'],
		['https://x.akool.com/x.mp4', 'enforced', 'Akool\'s result host'],
		['https://anything.example.org/x.mp4', 'enforced', 'allowed only by "Allow Any Download Host"'],
	])('%s → %s (%s)', (url, policy) => {
		expect(egressRefusal(url, rule)).toBeUndefined();
		expect(egressPolicy(url, rule)).toBe(policy);
	});

	it('a listed host that is also one of Akool\'s keeps the enforced policy', () => {
		const listed = egressRule(AKOOL, ['d1.cloudfront.net']);
		expect(egressPolicy('https://d1.cloudfront.net/x.mp4', listed)).toBe('enforced');
	});
});

describe('egressRefusal with "Allow Any Download Host": private addresses in any form (R11)', () => {
	const rule = egressRule(AKOOL, [], true);
	it.each([
		'https://[::ffff:127.0.0.1]:8443/x.mp4',
		'https://[::ffff:169.254.169.254]/latest/meta-data',
		'https://[::127.0.0.1]/x',
		'https://[64:ff9b::10.0.0.1]/x',
		'https://[2002:a9fe:a9fe::]/x',
		'https://[fe80::1]/x',
		'https://198.18.0.1/x',
		'https://224.0.0.1/x',
		'https://0x7f.1/x',
	])('%s is refused', (url) => expect(egressRefusal(url, rule)).toBe('it is a local or private address'));

	it('public IPv6 and IPv4-mapped public addresses pass', () => {
		expect(egressRefusal('https://[2606:4700:4700::1111]/x', rule)).toBeUndefined();
		expect(egressRefusal('https://[::ffff:8.8.8.8]/x', rule)).toBeUndefined();
	});
});
