import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { PreparedRun } from '../helpers/completion';

export type { PreparedRun };

export type PrepareFunction = (this: IExecuteFunctions, i: number) => Promise<PreparedRun>;

/**
 * One operation of a resource. `properties` carry no resource/operation displayOptions:
 * defineResource (actions/define.ts) adds them, so an operation never repeats its resource.
 */
export interface Operation {
	/** The entry in the operation selector: name, value (a contract), action, description. */
	option: INodePropertyOptions & { action: string };
	properties: INodeProperties[];
	/** Reads and validates item i (no request), returns the work to run. */
	prepare: PrepareFunction;
	/** The declaration's fields (declared operations), for tests that check every field. */
	fields?: ReadonlyArray<{ name: string; label: string; type: string; optional?: boolean; required?: boolean; show?: object }>;
}
