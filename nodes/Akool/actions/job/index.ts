import { defineResource } from '../define';
import { download } from './download.operation';
import { get } from './get.operation';
import { wait } from './wait.operation';

export const resource = defineResource({ value: 'job', name: 'Job', operations: [download, get, wait], default: 'get' });
