#!/usr/bin/env python3
"""Prints the leader broker id of each partition of a topic as JSON: {"0": 2, "1": 3}.

usage: leaders.py --brokers B --topic T
"""
import argparse
import json

from confluent_kafka.admin import AdminClient


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--topic", required=True)
    args = parser.parse_args()
    metadata = AdminClient({"bootstrap.servers": args.brokers}).list_topics(args.topic, timeout=30)
    partitions = metadata.topics[args.topic].partitions
    print(json.dumps({str(p): partitions[p].leader for p in sorted(partitions)}))


if __name__ == "__main__":
    main()
