import { hostOf, isPrivateHost } from './hosts';

/**
 * Which hosts the node may download from (result files, Job → Download, the trigger). The URL
 * can come from a callback or from an AI agent, so it is hostile input: by default only Akool's
 * result hosts and the host of the credential's Base URL (so a sandbox or proxy keeps working).
 * Users can add hosts or allow any public host; private, loopback and link-local addresses stay
 * refused unless listed by name.
 *
 * This is a host filter, not a trust boundary: `*.cloudfront.net` is anyone's CloudFront
 * distribution, so an "allowed" URL may still point at someone else's file.
 *
 * Akool's hosts: results on CloudFront and akool.com (akool-api.md §0: "hosted on CloudFront,
 * valid for 7 days"); effect previews and face crops on static.website-files.org (mintlify docs
 * ai-tools-suite/image2video.mdx "Get Available Effects" response, `logo` and `video_url`;
 * ai-tools-suite/reage.mdx request example, `targetImage[].path` "Links to faces detected in
 * target images").
 */
export const AKOOL_RESULT_HOSTS = ['*.cloudfront.net', 'akool.com', '*.akool.com', 'static.website-files.org'];

export interface EgressRule {
	/** Exact host names or `*.suffix` patterns: Akool's result hosts, then the user's. */
	hosts: string[];
	/** The user's own ("Allowed Download Hosts"), as URL parsing writes them. */
	listed: string[];
	/** Hosts (with port) allowed over plain http and even when private: the Base URL's. */
	trusted: string[];
	allowAny: boolean;
}

/** A listed host as URL parsing writes a hostname (lower case; IPv6 compressed, without brackets). */
function canonicalHost(entry: string): string {
	const host = entry.trim().toLowerCase();
	if (host.startsWith('[')) {
		try {
			return new URL(`https://${host.replace(/\]:\d+$/, ']')}`).hostname.replace(/^\[|\]$/g, '');
		} catch {
			return host.replace(/^\[|\]$/g, '');
		}
	}
	return host.replace(/:\d+$/, '');
}

export function egressRule(baseUrl: string, extraHosts: string[] = [], allowAny = false): EgressRule {
	const baseHost = hostOf(baseUrl).toLowerCase();
	const listed = extraHosts.map(canonicalHost).filter(Boolean);
	return {
		hosts: [...AKOOL_RESULT_HOSTS, ...listed],
		listed,
		trusted: baseHost ? [baseHost] : [],
		allowAny,
	};
}

function matches(hostname: string, pattern: string): boolean {
	if (pattern.startsWith('*.')) return hostname.endsWith(pattern.slice(1));
	return hostname === pattern;
}

function parse(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

const hostnameOf = (parsed: URL) => parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');

/** Why `url` may not be fetched under `rule`, or undefined when it may. */
export function egressRefusal(url: string, rule: EgressRule): string | undefined {
	const parsed = parse(url);
	if (!parsed) return 'it is not a valid URL';
	if (parsed.username || parsed.password) return 'URLs with credentials are not allowed';
	const host = parsed.host.toLowerCase();
	const hostname = hostnameOf(parsed);
	if (rule.trusted.includes(host)) {
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? undefined : 'only http(s) is allowed';
	}
	if (parsed.protocol !== 'https:') return 'only https is allowed (http only for the Base URL host)';
	const listed = rule.hosts.some((pattern) => matches(hostname, pattern));
	if (isPrivateHost(hostname) && !rule.hosts.includes(hostname)) {
		return 'it is a local or private address';
	}
	if (!listed && !rule.allowAny) return 'the host is not allowed';
	return undefined;
}

/**
 * Which of n8n's egress policies (`getSecureEgressFilter`, n8n 2.x) applies to a URL the rule
 * allows (B5; @n8n/backend-network dist/http/outbound-http.js `resolveSsrf`):
 * - 'trusted': the Base URL's host, reached as configured (no n8n filter);
 * - 'safe': a host the user listed in "Allowed Download Hosts" (and not one of Akool's): n8n's
 *   admin decides — nothing is filtered unless N8N_SSRF_PROTECTION_ENABLED=true, and then its
 *   N8N_SSRF_* allow and block lists apply. So a listed private host (MinIO on the LAN) works;
 * - 'enforced': Akool's hosts and hosts allowed only by "Allow Any Download Host": n8n's
 *   default blocked ranges apply whatever the admin set, after DNS resolution (a public name
 *   that resolves to a private address is refused).
 */
export function egressPolicy(url: string, rule: EgressRule): 'trusted' | 'safe' | 'enforced' {
	const parsed = parse(url);
	if (!parsed) return 'enforced';
	if (rule.trusted.includes(parsed.host.toLowerCase())) return 'trusted';
	const hostname = hostnameOf(parsed);
	if (AKOOL_RESULT_HOSTS.some((pattern) => matches(hostname, pattern))) return 'enforced';
	return rule.listed.some((pattern) => matches(hostname, pattern)) ? 'safe' : 'enforced';
}
