/** @jsxImportSource hono/jsx */
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { IdParam } from '../../shared/schemas/common';
import { CustomerPatch } from '../../shared/schemas/customers';
import { getEntity, updateEntity } from '../audit/engine';
import { principalOf } from '../auth/authenticate';
import { customerEntity } from '../entities/customers/definition';
import { auditContext } from '../http/audit-context';
import type { AppEnv } from '../http/app-env';
import type { AppDeps } from '../deps';
import { validate } from '../http/validate';
import { customerFormFromFields, customerFormFromRow, customerPatchInput, type CustomerFormState } from './customer-form';
import { CustomerPage } from './customer-page';

import { type FieldErrors, readForm } from './form-data';
import { signedIn, viewerOf } from './guard';
import { companyName, customerConversations, type CustomerRow } from './queries';
import { render } from './render';
import { saveForm } from './save-form';

/** `/workspace/customers/:id`: the customer page, and its form posting back to it. */
export function customerRoutes(deps: AppDeps) {
  const { reader } = deps.db;
  return new Hono<AppEnv>()
    .get('/:id', signedIn('support:read'), validate('param', IdParam), async (c) => {
      const customer = await getEntity(reader, principalOf(c).orgId, customerEntity, c.req.valid('param').id);
      return page(c, deps, customer, { form: customerFormFromRow(customer), saved: c.req.query('saved') === '1' });
    })
    .post('/:id', signedIn('support:write'), validate('param', IdParam), async (c) => {
      const form = await readForm(c);
      const ctx = auditContext(c, deps);
      const current = await getEntity(reader, ctx.orgId, customerEntity, c.req.valid('param').id);
      const state = customerFormFromFields(form);
      // The API's own schema, so the form accepts exactly what PATCH /customers/:id accepts.
      const errors = await saveForm(deps, CustomerPatch, customerPatchInput(state, current), (tx, patch) =>
        updateEntity(tx, ctx, customerEntity, current.id, patch),
      );
      if (errors) return page(c, deps, current, { form: state, errors }, 400);
      return c.redirect(`/workspace/customers/${current.id}?saved=1`, 303);
    });
}

async function page(
  c: Context<AppEnv>,
  deps: AppDeps,
  customer: CustomerRow,
  view: { form: CustomerFormState; errors?: FieldErrors; saved?: boolean },
  status: ContentfulStatusCode = 200,
) {
  const { reader } = deps.db;
  const [viewer, company, conversations] = await Promise.all([
    viewerOf(c, reader),
    companyName(reader, customer.orgId, customer.companyId),
    customerConversations(reader, customer.orgId, customer.id),
  ]);
  return render(
    c,
    <CustomerPage
      viewer={viewer}
      customer={customer}
      companyName={company}
      conversations={conversations}
      form={view.form}
      errors={view.errors}
      saved={view.saved ?? false}
    />,
    status,
  );
}
