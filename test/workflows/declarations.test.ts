import type { INodeParameters } from 'n8n-workflow';

import { labelOf } from '../../nodes/Akool/actions/define';
import type { Field } from '../../nodes/Akool/actions/define';
import { RESOURCES } from '../../nodes/Akool/actions/resources';
import { startMockAkool } from '../mock-akool';
import type { MockAkool } from '../mock-akool';
import { akoolWorkflow, run, runError } from './helpers';

/**
 * The validation is generated from the same declaration as the editor: for EVERY declared field
 * with a type or a limit, a value outside it stops the run with an error naming the field as the
 * editor labels it, before anything is sent to Akool (no credits). One case per field, so a new
 * operation is covered the day it is declared.
 */
let mock: MockAkool;
beforeAll(async () => {
	mock = await startMockAkool({ jobDurationMs: 200 });
});
afterAll(async () => await mock.close());

const valid = (field: Field): unknown => {
	switch (field.type) {
		case 'url':
			return 'https://example.com/a.jpg';
		case 'urlList':
			return 'https://example.com/a.jpg';
		case 'string':
			return 'abc';
		case 'dynamicOptions':
			return field.numeric ? (field.numeric.min ?? 1) : 'abc';
		case 'dynamicMultiOptions':
			return ['abc'];
		case 'idList':
			return '6593c94c0ef703e8c055e3c8';
		case 'numberList':
			return '1, 2, 3, 4';
		case 'list':
			return { values: [Object.fromEntries(field.fields.map((sub) => [sub.name, valid(sub)]))] };
		case 'locator':
			return { __rl: true, mode: 'id', value: 'abc' };
		case 'number':
		case 'boolean':
		case 'options':
			return field.default;
	}
};

/** A value the field must refuse, or undefined when its type has no invalid value to try. */
const invalid = (field: Field): unknown => {
	switch (field.type) {
		case 'url':
			return 'not a url';
		case 'urlList':
			return 'https://example.com/a.jpg, ftp://example.com/b.jpg';
		case 'number':
			return field.max !== undefined ? field.max + 1 : field.min !== undefined ? field.min - 1 : 'many';
		case 'options':
			return 'no-such-choice';
		case 'boolean':
			return 'maybe';
		case 'idList':
			return 'bad id!';
		case 'numberList':
			return '1, 2';
		case 'locator':
			return { __rl: true, mode: 'id', value: 'not an id' };
		case 'string':
			return field.maxLength !== undefined ? 'x'.repeat(field.maxLength + 1) : undefined;
		case 'dynamicOptions':
			return field.numeric?.max !== undefined ? field.numeric.max + 1 : undefined;
		case 'dynamicMultiOptions':
			return field.max !== undefined ? Array.from({ length: field.max + 1 }, (_, k) => `v${k}`) : undefined;
		default:
			return undefined;
	}
};

const shown = (field: Field, values: Record<string, unknown>) =>
	!field.show || Object.entries(field.show).every(([name, allowed]) => allowed.some((v) => String(v) === String(values[name])));

const cases = RESOURCES.flatMap((resource) =>
	Object.values(resource.operations)
		.filter((operation) => operation.fields)
		.flatMap((operation) => {
			const fields = operation.fields as Field[];
			const defaults: Record<string, unknown> = {};
			const base: INodeParameters = { resource: resource.value, operation: String(operation.option.value), completion: 'returnImmediately' };
			for (const field of fields.filter((f) => !f.optional)) {
				if (field.type === 'options') defaults[field.name] = field.default;
				if (shown(field, defaults)) base[field.name] = valid(field) as INodeParameters[string];
			}
			return fields
				.filter((field) => shown(field, defaults) && invalid(field) !== undefined)
				.map((field) => {
					const parameters: INodeParameters = field.optional
						? { ...base, options: { [field.name]: invalid(field) as INodeParameters[string] } }
						: { ...base, [field.name]: invalid(field) as INodeParameters[string] };
					return [`${resource.value}.${String(operation.option.value)} "${labelOf(field)}"`, parameters, labelOf(field)] as const;
				});
		}),
);

describe('every declared field refuses a bad value before any request', () => {
	it('covers every declared operation', () => {
		const covered = new Set(cases.map(([name]) => name.split(' ')[0]));
		const declared = RESOURCES.flatMap((resource) =>
			Object.values(resource.operations)
				.filter((operation) => operation.fields?.length)
				.map((operation) => `${resource.value}.${String(operation.option.value)}`),
		);
		expect(declared.length).toBeGreaterThanOrEqual(24);
		expect([...covered].sort()).toEqual(declared.sort());
		expect(cases.length).toBeGreaterThanOrEqual(80);
	});

	it.each(cases)('%s', async (_name, parameters, label) => {
		mock.clearLog();
		const error = runError(await run(mock, akoolWorkflow(parameters)));
		expect(error.message).toContain(`"${label}"`);
		expect(mock.apiRequests()).toHaveLength(0);
	});
});
