// Imported first by the stand-alone worker (scripts/worker.ts): React picks its development or
// production build from NODE_ENV when it is first loaded, and the worker renders every email with
// it. The development build renders an impact report ~25 % slower (and checks props) — the worker
// is the one process sending a quarter's reports — so, like server.ts without --dev, it runs as
// production whatever the environment says.
process.env.NODE_ENV = 'production';
