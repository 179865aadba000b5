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
