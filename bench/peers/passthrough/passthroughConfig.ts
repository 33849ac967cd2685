// What a raw passthrough is told, from the environment the bench gives every system.

export interface PassthroughConfig {
  brokers: string[];
  inputTopic: string;
  outputTopic: string;
  groupId: string;
  exactlyOnce: boolean;
}

/** A running passthrough: stop() leaves the group and closes the connections. */
export interface Passthrough {
  stop(): Promise<void>;
}

export type StartPassthrough = (config: PassthroughConfig) => Promise<Passthrough>;

export function readPassthroughConfig(env: NodeJS.ProcessEnv): PassthroughConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  return {
    brokers: required('KAFKA_BROKERS').split(','),
    inputTopic: required('INPUT_TOPIC'),
    outputTopic: required('OUTPUT_TOPIC'),
    groupId: required('GROUP_ID'),
    exactlyOnce: env.PROCESSING_GUARANTEE === 'exactly_once',
  };
}
