// Avro has no imports: a schema sent to a registry must define every named type it uses.
// avro/EnrichedConversationCallback.avsc refers to the callback and campaign records by name,
// so they are written once; this pure function inlines each definition at its first use.

type AvroSchema = unknown;

function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

export function inlineNamedTypes(
  schema: AvroSchema,
  definitions: ReadonlyMap<string, AvroSchema>,
): AvroSchema {
  const defined = new Set<string>();

  const walk = (node: AvroSchema, namespace: string | undefined): AvroSchema => {
    if (typeof node === 'string') {
      const name = fullName(node, namespace);
      const definition = definitions.get(name) ?? definitions.get(node);
      if (definition === undefined || defined.has(name) || defined.has(node)) return node;
      return walk(structuredClone(definition), undefined);
    }
    if (Array.isArray(node)) return node.map((branch) => walk(branch, namespace));
    if (node === null || typeof node !== 'object') return node;

    const obj = { ...(node as Record<string, unknown>) };
    let ns = namespace;
    if (typeof obj.name === 'string' && ['record', 'enum', 'fixed'].includes(obj.type as string)) {
      ns = typeof obj.namespace === 'string' ? obj.namespace : obj.name.includes('.') ? obj.name.slice(0, obj.name.lastIndexOf('.')) : namespace;
      defined.add(fullName(obj.name, ns));
    }
    if (Array.isArray(obj.fields)) {
      obj.fields = obj.fields.map((field: Record<string, unknown>) => ({ ...field, type: walk(field.type, ns) }));
    }
    if (obj.items !== undefined) obj.items = walk(obj.items, ns);
    if (obj.values !== undefined) obj.values = walk(obj.values, ns);
    if (typeof obj.type === 'object' && obj.type !== null) obj.type = walk(obj.type, ns);
    return obj;
  };

  return walk(schema, undefined);
}
