import { hostOf, isPrivateHost } from './hosts';

/**
 * Which hosts the node may download from (result files, Job → Download, the trigger). The URL
 * can come from a callback or from an AI agent, so it is hostile input: by default only Akool's
 * result hosts (CloudFront, akool.com, akool-api.md §0) and the host of the credential's Base URL
 * (so a sandbox or proxy keeps working). Users can add hosts or allow any public host; private,
 * loopback and link-local addresses stay refused unless listed by name.
 */
export const AKOOL_RESULT_HOSTS = ['*.cloudfront.net', 'akool.com', '*.akool.com'];

export interface EgressRule {
	/** Exact host names or `*.suffix` patterns. */
	hosts: string[];
	/** Hosts (with port) allowed over plain http and even when private: the Base URL's. */
	trusted: string[];
	allowAny: boolean;
}

export function egressRule(baseUrl: string, extraHosts: string[] = [], allowAny = false): EgressRule {
	const baseHost = hostOf(baseUrl).toLowerCase();
	return {
		hosts: [
			...AKOOL_RESULT_HOSTS,
			...extraHosts.map((h) => h.trim().toLowerCase().replace(/^\[|\]$|\]?:\d+$/g, '')).filter(Boolean),
		],
		trusted: baseHost ? [baseHost] : [],
		allowAny,
	};
}

function matches(hostname: string, pattern: string): boolean {
	if (pattern.startsWith('*.')) return hostname.endsWith(pattern.slice(1));
	return hostname === pattern;
}

/** Why `url` may not be fetched under `rule`, or undefined when it may. */
export function egressRefusal(url: string, rule: EgressRule): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'it is not a valid URL';
	}
	if (parsed.username || parsed.password) return 'URLs with credentials are not allowed';
	const host = parsed.host.toLowerCase();
	const hostname = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
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
