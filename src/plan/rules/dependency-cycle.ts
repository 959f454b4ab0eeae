// Phases that (transitively) depend on themselves. Each cycle is reported once, at the earliest
// phase in it, however many phases share it.
import type { Phase } from '../model.js';
import { canonicalPhaseNumber } from '../dependencies.js';
import type { LintRule } from './rule.js';

export const dependencyCycleRule: LintRule = {
  id: 'dependency-cycle',
  severity: 'error',
  planOnly: false,
  check: (model) => {
    const graph = dependencyGraph(model.phases);
    return stronglyConnected(graph)
      .filter((group) => group.length > 1 || graph.get(group[0])!.edges.includes(group[0]))
      .map((group) => {
        const members = new Set(group);
        const start = group.reduce((a, b) => (graph.get(a)!.phase.line <= graph.get(b)!.phase.line ? a : b));
        const path = cyclePath(start, members, graph);
        const first = graph.get(start)!.phase;
        return {
          message: `Dependency cycle: ${path.map((key) => `Phase ${graph.get(key)!.phase.number}`).join(' → ')} (each depends on the next)`,
          line: first.dependenciesLine ?? first.line,
        };
      })
      .sort((a, b) => a.line - b.line);
  },
};

interface Vertex {
  /** The first phase with this number; duplicates are the duplicate-phase rule's business. */
  phase: Phase;
  edges: string[];
}

function dependencyGraph(phases: Phase[]): Map<string, Vertex> {
  const graph = new Map<string, Vertex>();
  for (const phase of phases) {
    const key = canonicalPhaseNumber(phase.number);
    const vertex = graph.get(key) ?? { phase, edges: [] };
    vertex.edges.push(...phase.dependencies.map(canonicalPhaseNumber));
    graph.set(key, vertex);
  }
  for (const vertex of graph.values()) vertex.edges = [...new Set(vertex.edges.filter((key) => graph.has(key)))];
  return graph;
}

/** Tarjan's algorithm without recursion, so ten thousand chained phases cannot overflow the stack. */
function stronglyConnected(graph: Map<string, Vertex>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ key: string; next: number }> = [{ key: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.key)!.edges;
      if (frame.next < edges.length) {
        const to = edges[frame.next++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ key: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.key, Math.min(low.get(frame.key)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].key;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.key)!));
      }
      if (low.get(frame.key) === index.get(frame.key)) {
        const group: string[] = [];
        let key: string;
        do {
          key = stack.pop()!;
          onStack.delete(key);
          group.push(key);
        } while (key !== frame.key);
        groups.push(group);
      }
    }
  }
  return groups;
}

/** One concrete cycle through `start` inside its group, e.g. 1 → 2 → 3 → 1 (breadth-first: shortest). */
function cyclePath(start: string, members: Set<string>, graph: Map<string, Vertex>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const key = queue[head];
    for (const to of graph.get(key)!.edges) {
      if (!members.has(to)) continue;
      if (to === start) {
        const chain: string[] = [];
        for (let at = key; at !== start; at = previous.get(at)!) chain.push(at);
        return [start, ...chain.reverse(), start];
      }
      if (!previous.has(to)) {
        previous.set(to, key);
        queue.push(to);
      }
    }
  }
  return [start, start];
}
