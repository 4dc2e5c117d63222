/** Word lists for synthetic posts: technical English of the kind the model blog is written in. */

/** Terms that make up topics and titles. */
export const TERMS = (
  'kubernetes docker rust go python typescript javascript java kotlin swift scala elixir haskell zig wasm ' +
  'webassembly webgpu react svelte vue angular node deno bun graphql grpc rest http3 quic tls oauth ' +
  'postgres mysql sqlite redis kafka pulsar rabbitmq cassandra mongodb elasticsearch clickhouse duckdb ' +
  'spark flink airflow dbt snowflake bigquery terraform ansible helm istio envoy nginx linux ebpf ' +
  'llm rag agents embeddings transformers fine-tuning inference quantization vector search tokenizers ' +
  'observability tracing metrics logging monitoring alerting caching sharding replication consensus raft ' +
  'paxos crdt queues streaming batch scheduling concurrency async threads actors memory garbage compilers ' +
  'parsers testing fuzzing security privacy cryptography zero-trust identity compliance devops sre ' +
  'serverless edge cdn microservices monoliths architecture design patterns refactoring performance ' +
  'latency throughput scalability reliability resilience chaos networking dns load balancing storage ' +
  'databases indexing query optimization data engineering pipelines analytics visualization mlops ' +
  'leadership career productivity writing open-source licensing startups product strategy hiring'
).split(' ');

/** Qualifiers that join terms into longer topics ("distributed systems", "event sourcing"). */
export const QUALIFIERS = (
  'distributed event-driven real-time cloud-native local-first offline-first functional reactive ' +
  'declarative incremental embedded mobile backend frontend full-stack low-latency high-availability ' +
  'multi-tenant zero-copy lock-free type-safe secure scalable modern practical advanced applied'
).split(' ');

export const TOPIC_NOUNS = (
  'systems engineering design computing programming patterns architecture platforms infrastructure ' +
  'operations development testing security databases networks models pipelines apis services'
).split(' ');

export const TITLE_OPENERS = [
  'Mastering',
  'Understanding',
  'Building',
  'Scaling',
  'Optimizing',
  'Designing',
  'Debugging',
  'Deploying',
  'A Practical Guide to',
  'Deep Dive into',
  'Inside',
  'Rethinking',
  'Why',
  'How to Build',
  'Lessons from',
  'The Hidden Cost of',
  'From Zero to Production with',
  'Demystifying',
];

export const TITLE_LINKS = [
  'with',
  'for',
  'and',
  'in',
  'beyond',
  'at Scale:',
  'without',
  'using',
  'on top of',
  '—',
];

export const TITLE_TAILS = [
  'A Step-by-Step Guide',
  'Patterns, Pitfalls and Practice',
  'What Actually Works in Production',
  'A Field Guide',
  'Lessons Learned',
  'From Prototype to Production',
  'A Comprehensive Walkthrough',
  'Benchmarks and Trade‑offs',
  'Architecture, Code and Costs',
  'The Complete Handbook',
];

/** Everyday prose words, weighted by repetition of the common ones. */
export const PROSE = (
  'the the the the the a a a an of of of to to to and and and in in is is it it that that for for on on ' +
  'with with as as this this be by are can we you your when which more most each every both other such ' +
  'system systems service services request requests data model models latency cache memory disk network ' +
  'query queries index indexes table tables record records batch stream events event message messages ' +
  'client server node nodes cluster clusters process thread worker workers queue queues pipeline ' +
  'throughput performance reliability failure failures retry retries timeout timeouts budget cost costs ' +
  'production deployment release rollout traffic users customers team teams engineer engineers design ' +
  'approach pattern patterns trade-off trade-offs decision decisions problem problems solution solutions ' +
  'example examples step steps section guide practice practices benchmark benchmarks result results ' +
  'measure measured observe observed improve improves improved reduce reduces reduced handle handles ' +
  'build builds built run runs running write writes writing read reads reading store stores storing ' +
  'simple complex important critical practical common typical careful explicit implicit consistent ' +
  'eventually strongly quickly slowly carefully often rarely usually always never however therefore ' +
  'because although while since until after before during between across within without through ' +
  'configuration interface implementation abstraction boundary contract schema version migration ' +
  'correctness durability availability partition replica leader follower snapshot checkpoint log logs'
).split(' ');

export const LANGUAGES = ['python', 'typescript', 'rust', 'go', 'bash', 'yaml', 'sql', 'json'];

export const CODE_LINES: Readonly<Record<string, readonly string[]>> = {
  python: [
    'import asyncio',
    'from dataclasses import dataclass',
    'async def fetch(session, url: str) -> dict:',
    '    async with session.get(url, timeout=10) as response:',
    '        return await response.json()',
    'for item in items:',
    '    if item.score > threshold:',
    '        results.append(item)',
    'cache = {key: value for key, value in rows if value is not None}',
    'print(f"processed {len(results)} items in {elapsed:.2f}s")',
  ],
  typescript: [
    'export async function load(id: string): Promise<Record<string, unknown>> {',
    '  const response = await fetch(`/api/items/${id}`);',
    '  if (!response.ok) throw new Error(`HTTP ${response.status}`);',
    '  return (await response.json()) as Record<string, unknown>;',
    '}',
    'const cache = new Map<string, number>();',
    'for (const [key, value] of entries) cache.set(key, value * 2);',
    'interface Options { retries: number; timeoutMs: number }',
  ],
  rust: [
    'use std::collections::HashMap;',
    'fn main() -> Result<(), Box<dyn std::error::Error>> {',
    '    let mut counts: HashMap<&str, usize> = HashMap::new();',
    '    for word in text.split_whitespace() {',
    '        *counts.entry(word).or_insert(0) += 1;',
    '    }',
    '    Ok(())',
    '}',
  ],
  go: [
    'func handler(w http.ResponseWriter, r *http.Request) {',
    '\tctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)',
    '\tdefer cancel()',
    '\tif err := store.Save(ctx, item); err != nil {',
    '\t\thttp.Error(w, err.Error(), http.StatusInternalServerError)',
    '\t}',
    '}',
  ],
  bash: [
    'kubectl apply -f deployment.yaml',
    'docker build -t app:latest .',
    'curl -sS -H "Accept: application/json" http://localhost:8080/health',
    'export RUST_LOG=info',
    'git log --oneline | head -20',
  ],
  yaml: [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api-server',
    'spec:',
    '  replicas: 3',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: api',
    '          image: registry.example.com/api:1.4.2',
  ],
  sql: [
    'SELECT user_id, count(*) AS orders',
    'FROM orders',
    "WHERE created_at >= now() - interval '7 days'",
    'GROUP BY user_id',
    'ORDER BY orders DESC',
    'LIMIT 20;',
    'CREATE INDEX idx_orders_created ON orders (created_at);',
  ],
  json: ['{', '  "name": "service",', '  "version": "2.1.0",', '  "replicas": 3,', '  "features": ["cache", "metrics"]', '}'],
};
