#!/usr/bin/env python3
"""The outside reader of `npm run chaos`: not the project's code, a third-party client.

Reads the input, output and DLQ topics from the beginning to their high watermarks with
isolation.level=read_committed (confluent-kafka), decodes every output value with fastavro, a
strict Avro reader (Confluent wire format: magic byte, 4-byte schema id, body; the writer schema
from the registry's /schemas/ids/{id}), and prints one JSON line per record:

  {"k": "in",  "p": 0, "o": 17, "c": 4}                          an input record (c: its fuzz case)
  {"k": "out", "p": 0, "o": 17, "t": 1764430000123, "topic": T}  an output record, by source
  {"k": "out", "p": 0, "o": 17, "bad": "why"}                    an output value fastavro rejects
  {"k": "dlq", "p": 0, "o": 17, "t": ..., "reason": "DECODE_ERROR"}
  {"k": "end", "topic": T, "complete": true, "note": ""}         after each topic

usage: read_output.py --brokers B --registry URL --input T --output T --dlq T [--idle-s 20]
"""
import argparse
import base64
import io
import json
import os
import sys
import time
import urllib.request
from datetime import datetime

import fastavro
from confluent_kafka import Consumer, TopicPartition, OFFSET_BEGINNING

SCHEMAS = {}


def registry_schema(url, schema_id):
    if schema_id not in SCHEMAS:
        request = urllib.request.Request(f"{url}/schemas/ids/{schema_id}")
        user, password = os.environ.get("SCHEMA_REGISTRY_USER"), os.environ.get("SCHEMA_REGISTRY_PASSWORD")
        if user:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        with urllib.request.urlopen(request, timeout=30) as response:
            SCHEMAS[schema_id] = fastavro.parse_schema(json.loads(json.load(response)["schema"]))
    return SCHEMAS[schema_id]


def header(headers, name):
    for key, value in headers or []:
        if key == name:
            return None if value is None else value.decode("utf-8", "replace")
    return None


def as_int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def iso_ms(text):
    try:
        return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)
    except (AttributeError, ValueError):
        return None


def decode_output(url, value):
    """The source partition/offset and processing time of an enriched value, or raises."""
    if value is None or len(value) < 5 or value[0] != 0:
        raise ValueError("not in Confluent wire format")
    schema = registry_schema(url, int.from_bytes(value[1:5], "big"))
    body = io.BytesIO(value[5:])
    record = fastavro.schemaless_reader(body, schema, None)
    if body.tell() != len(value) - 5:
        raise ValueError(f"{len(value) - 5 - body.tell()} trailing bytes after the Avro body")
    source = record.get("source") or {}
    processed = record.get("processedAt")
    millis = int(processed.timestamp() * 1000) if isinstance(processed, datetime) else processed
    return source.get("partition"), source.get("offset"), millis


def describe(message, kind, url):
    headers = message.headers()
    if kind == "in":
        record = {"k": "in", "p": message.partition(), "o": message.offset()}
        case = as_int(header(headers, "chaos.case"))
        if case is not None:
            record["c"] = case
        return record
    if kind == "dlq":
        return {
            "k": "dlq",
            "p": as_int(header(headers, "dlq.source.partition")),
            "o": as_int(header(headers, "dlq.source.offset")),
            "t": iso_ms(header(headers, "dlq.failed.at")),
            "reason": header(headers, "dlq.reason"),
        }
    try:
        partition, offset, millis = decode_output(url, message.value())
        return {"k": "out", "p": partition, "o": offset, "t": millis, "topic": message.topic()}
    except Exception as error:  # any failure of the strict reader is the finding
        return {
            "k": "out",
            "p": as_int(header(headers, "source.partition")),
            "o": as_int(header(headers, "source.offset")),
            "bad": f"{type(error).__name__}: {error}"[:300],
        }


def read_topic(brokers, topic, kind, url, idle_s, out):
    consumer = Consumer({
        "bootstrap.servers": brokers,
        "group.id": f"chaos-reader-{os.getpid()}",
        "isolation.level": "read_committed",
        "enable.auto.commit": False,
        "enable.partition.eof": False,
        "fetch.message.max.bytes": 4 * 1024 * 1024,
    })
    try:
        metadata = consumer.list_topics(topic, timeout=30).topics[topic]
        partitions = sorted(metadata.partitions)
        highs = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=30)[1] for p in partitions}
        consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in partitions])
        pending = {p for p in partitions if highs[p] > 0}
        last_progress = time.monotonic()
        while pending and time.monotonic() - last_progress < idle_s:
            messages = consumer.consume(num_messages=2000, timeout=1.0)
            for message in messages:
                if message.error():
                    continue
                out.write(json.dumps(describe(message, kind, url)) + "\n")
                last_progress = time.monotonic()
            # Positions pass transaction markers and aborted records too.
            for tp in consumer.position([TopicPartition(topic, p) for p in list(pending)]):
                if tp.offset >= highs[tp.partition]:
                    pending.discard(tp.partition)
        note = "" if not pending else f"partitions {sorted(pending)} not read to their high watermark within {idle_s} s of no progress (an open transaction?)"
        out.write(json.dumps({"k": "end", "topic": topic, "complete": not pending, "note": note}) + "\n")
    finally:
        consumer.close()


def main():
    parser = argparse.ArgumentParser()
    for name in ("brokers", "registry", "input", "output", "dlq"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--idle-s", type=float, default=20.0)
    args = parser.parse_args()
    out = sys.stdout
    read_topic(args.brokers, args.input, "in", args.registry, args.idle_s, out)
    read_topic(args.brokers, args.output, "out", args.registry, args.idle_s, out)
    read_topic(args.brokers, args.dlq, "dlq", args.registry, args.idle_s, out)
    out.flush()


if __name__ == "__main__":
    main()
