// The page itself: plain HTML, CSS and JavaScript with no build step, and the Adaptive Cards renderer from
// node_modules (never a CDN: the playground works offline).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

/** The page's files; in a build they sit next to the compiled code (the Dockerfile copies them there). */
const PUBLIC_DIR = [join(__dirname, 'public'), join(__dirname, '..', '..', '..', 'adapters', 'playground', 'public')].find((d) => existsSync(join(d, 'index.html'))) ?? join(__dirname, 'public');

const vendor: Record<string, string> = {
  'adaptivecards.min.js': require.resolve('adaptivecards/dist/adaptivecards.min.js'),
};

/** GET / (the page), /playground/* (its files) and /playground/vendor/* (the renderer). */
export function staticRoutes(): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.sendFile(join(PUBLIC_DIR, 'index.html'));
  });
  router.get('/playground/vendor/:file', (req, res) => {
    const file = vendor[req.params.file];
    if (!file) return void res.status(404).json({ error: 'No such file.' });
    res.setHeader('cache-control', 'public, max-age=3600');
    res.sendFile(file);
  });
  router.use('/playground', express.static(PUBLIC_DIR, { index: false, maxAge: 0 }));
  return router;
}
