/**
 * In-memory stand-in for n8n's CLI `CredentialsHelper` (packages/cli/src/credentials-helper.ts).
 * It keeps the parts a node can observe: credential defaults, `$credentials` expressions,
 * generic/function `authenticate`, `preAuthentication` with an expirable property, `extends`.
 * No database, no encryption, no overwrites, no external secrets, no dynamic credentials.
 */
import {
	ICredentialsHelper,
	NodeHelpers,
	UserError,
	isExpression,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentials,
	type ICredentialsExpressionResolveValues,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { getAdditionalKeys } from 'n8n-core';

/** How many times n8n-core asked for a decrypted credential (each costs a decrypt in n8n). */
export const decrypts = { count: 0 };

export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly types: Record<string, ICredentialType>;

	constructor(
		credentialTypes: ICredentialType[],
		private readonly store: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
		this.types = Object.fromEntries(credentialTypes.map((t) => [t.name, t]));
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new UserError(`Harness: credential type "${name}" is not in options.credentialTypes`);
		return type;
	}

	/** Same algorithm as the CLI: function → call it; generic → resolve each key/value with `$credentials`. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (typeof authenticate === 'object') {
			if (!workflow || !node) throw new UserError('Harness: generic authenticate needs workflow and node');
			requestOptions.headers ??= {};
			// `getSimpleParameterValue(node, value, 'internal', { $credentials })` is the exact call the
			// CLI makes, so a wrong expression in the credential type fails here as it would in n8n.
			const resolve = (value: string) =>
				isExpression(value)
					? String(
							workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') || '',
						)
					: value;
			if (authenticate.type === 'generic') {
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					const target = ((requestOptions as unknown as Record<string, Record<string, unknown>>)[outerKey] ??= {});
					for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
						target[resolve(key)] = resolve(value);
					}
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/** Like the CLI: only for types with a hidden `expirable` property that is empty, or on a 401 retry. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const fresh = output as ICredentialDataDecryptedObject;
		this.store[typeName] = { ...this.store[typeName], ...fresh }; // "persist" like the CLI's DB update
		return Object.assign(credentials, fresh);
	}

	async runPreAuthentication(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, typeName: string) {
		const type = this.type(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types[credentialType];
		return !type?.restrictToSupportedNodes || (type.supportedNodes ?? []).some((n) => nodeType.endsWith(n));
	}

	getCredentialsProperties(name: string): INodeProperties[] {
		const type = this.type(name);
		if (!type.extends) return type.properties;
		const merged: INodeProperties[] = [];
		for (const parent of type.extends) NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}

	/** Stored data + property defaults, then expressions resolved in the node's item context (CLI applyDefaultsAndOverwrites). */
	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		resolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		decrypts.count++;
		const stored = this.store[type];
		if (!stored) throw new UserError(`Harness: no credentials for "${type}" in options.credentials`);
		if (raw) return { ...stored };
		const data = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			{ ...stored } as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (!resolveValues) return data; // run-less contexts (loadOptions): no expression resolution here
		const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } = resolveValues;
		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		return workflow.expression.getParameterValue(
			data as INodeParameters,
			runExecutionData,
			runIndex,
			itemIndex,
			node.name,
			connectionInputData,
			mode,
			additionalKeys,
			executeData,
			false,
			data,
		) as ICredentialDataDecryptedObject;
	}

	async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new UserError(`Harness: getCredentials("${type}") (encrypted credentials) is not supported`);
	}

	async updateCredentials(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		this.store[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(_details: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject) {
		this.store[type] = { ...this.store[type], oauthTokenData: data.oauthTokenData };
	}
}
