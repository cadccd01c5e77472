import { preferredLanguage } from '../../lib/language';
import { problem } from '../../domain/problem';
import { PROBLEMS, type ProblemCode } from '../../domain/problems';
import { createRouter } from '../router';
import { problemIndexPage, problemPage } from './problem-page';
import { getProblemType, listProblemTypes } from './problems.routes';

// The pages change only with a deployment: let browsers and caches keep them for a day.
const PAGE_HEADERS = { 'cache-control': 'public, max-age=86400', vary: 'Accept-Language' };

export const problemsRouter = createRouter()
  .openapi(listProblemTypes, (c) => {
    const language = preferredLanguage(c.req.header('accept-language'));
    return c.html(problemIndexPage(language), 200, { ...PAGE_HEADERS, 'content-language': language });
  })
  .openapi(getProblemType, (c) => {
    const { code } = c.req.valid('param');
    if (!Object.hasOwn(PROBLEMS, code)) throw problem('not_found', `No problem code is named ${code}.`);
    const language = preferredLanguage(c.req.header('accept-language'));
    return c.html(problemPage(code as ProblemCode, PROBLEMS[code as ProblemCode], language), 200, {
      ...PAGE_HEADERS,
      'content-language': language,
    });
  });
