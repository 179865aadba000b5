import { JOB_FAMILIES } from '../../helpers/jobs';
import type { JobFamilyKey } from '../../helpers/jobs';

export const JOB_TYPES = Object.keys(JOB_FAMILIES) as JobFamilyKey[];
