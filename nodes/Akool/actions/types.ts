import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { JobSettings } from '../helpers/completion';
import type { CreateEndpoint } from '../helpers/jobs';

/**
 * What an operation's `prepare(i)` returns after reading and validating item i: the work to do.
 * The router prepares every item before running any, so bad input never spends credits.
 */
export interface PreparedRun {
	run: () => Promise<INodeExecutionData[]>;
	/** Present for creates: lets the router run "Wait for Callback" instead of `run`. */
	job?: { endpoint: CreateEndpoint; body: IDataObject; settings: JobSettings };
}

export type PrepareFunction = (this: IExecuteFunctions, i: number) => Promise<PreparedRun>;

export interface OperationModule {
	prepare: PrepareFunction;
}
