// How layered config files combine (org `.github`, `_extends` targets, the repository's own):
// mappings merge key by key, and any other value — lists included — is replaced by the nearer file.
// Replacing lists is deliberate: a repository that lists its `required_sections` means exactly those.

export type ConfigObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is ConfigObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges layers given base first; later layers win. Inputs are not modified. */
export function mergeConfigLayers(layers: ConfigObject[]): ConfigObject {
  return layers.reduce<ConfigObject>((merged, layer) => mergeTwo(merged, layer), {});
}

function mergeTwo(base: ConfigObject, override: ConfigObject): ConfigObject {
  const result: ConfigObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? mergeTwo(current, value) : value;
  }
  return result;
}

/** Whether `path` (keys and list indexes) exists in a parsed config. */
export function hasPath(config: unknown, path: readonly PropertyKey[]): boolean {
  let node: unknown = config;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number' && segment < node.length) node = node[segment];
    else if (isPlainObject(node) && Object.hasOwn(node, segment)) node = node[segment as string];
    else return false;
  }
  return true;
}
