import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Akool answers HTTP 200 even for a bad key and reports the failure in the body's `code`
 * (akool-api.md §2.1, §3), so the credential test checks the body, not only the status.
 */
const failingCodes: Array<[number, string]> = [
	[1101, 'Akool rejected the API key (code 1101): copy it again from Akool → Settings → API Credentials'],
	[1102, 'Akool received no API key (code 1102): enter your API key'],
	[1103, 'Your Akool account has an unpaid balance (code 1103): settle it in your Akool account'],
	[1109, 'Akool says the account does not exist (code 1109): check the API key'],
	[1200, 'Akool says this account is banned (code 1200): contact Akool support'],
	[1213, 'The Akool API needs a subscription on this account (code 1213): upgrade your Akool plan'],
	[1221, 'This Akool account is not subscribed (code 1221): upgrade your Akool plan'],
];

export class AkoolApi implements ICredentialType {
	name = 'akoolApi';

	displayName = 'Akool API';

	icon: Icon = { light: 'file:../icons/akool.svg', dark: 'file:../icons/akool.dark.svg' };

	documentationUrl = 'https://docs.akool.com/authentication/usage';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Your Akool API key (Akool → Settings → API Credentials). It is sent as the x-api-key header and is also the secret that decrypts Akool callbacks.',
		},
		// The Client ID is sensitive here: together with a trigger's URL it is all one needs to send
		// "validly signed" callbacks (Akool's signature has no secret), so it is hidden like the key.
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Your Akool Client ID (same page as the API key). Only needed to verify and decrypt Akool callbacks: the Akool Trigger and the "Wait for Callback" completion mode.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://openapi.akool.com',
			description:
				'Akool API address. Keep the default unless you use a proxy or a local Akool sandbox.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{($credentials.baseUrl || "https://openapi.akool.com").replace(/\\/+$/, "")}}',
			url: '/api/open/v3/faceswap/quota/info',
			method: 'GET',
		},
		rules: failingCodes.map(([code, message]) => ({
			type: 'responseSuccessBody' as const,
			properties: { key: 'code', value: code, message },
		})),
	};
}
