#!/usr/bin/env python3
"""Writes records exactly as given, which KafkaJS cannot do (a header whose value is null).

stdin: one JSON object per line, {"k": base64|null, "v": base64|null, "h": [[name, base64|null], ...]}.
Each record goes to the partition its key hashes to (librdkafka's default). Prints one JSON line
at the end: {"produced": n, "failed": n, "errors": [...]}.

usage: produce_raw.py --brokers B --topic T
"""
import argparse
import base64
import json
import sys

from confluent_kafka import Producer


def bytes_or_none(text):
    return None if text is None else base64.b64decode(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--topic", required=True)
    args = parser.parse_args()
    producer = Producer({
        "bootstrap.servers": args.brokers,
        "enable.idempotence": True,
        "message.max.bytes": 2 * 1024 * 1024,
        "linger.ms": 5,
    })
    state = {"produced": 0, "failed": 0, "errors": []}

    def delivered(error, _message):
        if error is None:
            state["produced"] += 1
        else:
            state["failed"] += 1
            if len(state["errors"]) < 5:
                state["errors"].append(str(error))

    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        headers = [(name, bytes_or_none(value)) for name, value in case.get("h", [])]
        while True:
            try:
                producer.produce(args.topic, key=bytes_or_none(case.get("k")), value=bytes_or_none(case.get("v")),
                                 headers=headers, on_delivery=delivered)
                break
            except BufferError:
                producer.poll(0.1)
        producer.poll(0)
    producer.flush(60)
    print(json.dumps(state))


if __name__ == "__main__":
    main()
