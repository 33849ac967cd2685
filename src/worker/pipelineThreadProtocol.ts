// The messages between the worker's main thread and its pipeline threads (createPipelineThreads.ts,
// pipelineThread.ts). Records travel as frames in transferred ArrayBuffers (pipeline/recordFrames);
// everything else is small and structured-cloned.
import type { CampaignReference } from '../model/types.js';
import type { ProcessDeps } from '../pipeline/processRecord.js';
import type { RecordStats } from './processRecords.js';

/** ProcessDeps that are plain data; the thread builds writerTypeFor, lookupCampaign and now itself. */
export type ProcessSettings = Omit<ProcessDeps, 'writerTypeFor' | 'lookupCampaign' | 'now'>;

export interface PipelineThreadData {
  settings: ProcessSettings;
  /** The campaign table when the thread started; changes follow as messages, in order. */
  campaigns: Array<[string, CampaignReference]>;
}

export type ToPipelineThread =
  | { type: 'campaign'; id: string; campaign: CampaignReference | null }
  | {
      type: 'batch';
      id: number;
      now: number;
      frames: ArrayBuffer;
      /**
       * Writer schemas the batch needs that the thread was not sent yet: the schema's JSON, or null
       * when the registry does not know the id (sent again each batch: that answer expires).
       */
      schemas: Array<[number, string | null]>;
    };

export type FromPipelineThread =
  | { type: 'done'; id: number; frames: ArrayBuffer; stats: RecordStats }
  | { type: 'failed'; id: number; error: { name: string; message: string; retriable: boolean } };
