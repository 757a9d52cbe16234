/**
 * n8n's default expression engine ('vm') evaluates an expression only for a workflow that holds
 * an isolate ("bridge"): n8n acquires one around each execution, activation, webhook call, editor
 * method and credential resolution, and releases it afterwards. Code that runs later on such a
 * workflow — a trigger's cron callback — gets `IsolateError: No bridge acquired for this context`.
 *
 * The engine itself (isolated-vm) cannot be built here (Node 20, install scripts off), so the
 * harness keeps n8n-workflow's legacy evaluator and adds the engine's bookkeeping: the same
 * acquire/release calls n8n-core makes (WorkflowExecute does its own), and an expression
 * evaluated on a workflow without an isolate fails as it does in n8n.
 */
import { Expression } from 'n8n-workflow';
import type { Workflow } from 'n8n-workflow';

class IsolateError extends Error {
	override name = 'IsolateError';
}

const holding = new WeakSet<Expression>();
let installed = false;

type Render = (this: Expression, expression: string, data: unknown) => unknown;

export function modelExpressionIsolates(): void {
	if (installed) return;
	installed = true;
	const prototype = Expression.prototype as unknown as {
		acquireIsolate(this: Expression): Promise<boolean>;
		releaseIsolate(this: Expression): Promise<void>;
		renderExpression: Render;
	};
	const render = prototype.renderExpression;
	prototype.acquireIsolate = async function (this: Expression) {
		if (holding.has(this)) return false;
		holding.add(this);
		return true;
	};
	prototype.releaseIsolate = async function (this: Expression) {
		holding.delete(this);
	};
	prototype.renderExpression = function (this: Expression, expression: string, data: unknown) {
		if (!holding.has(this)) throw new IsolateError('No bridge acquired for this context. Call acquire() first.');
		return render.call(this, expression, data);
	};
}

/** What n8n does around code that may evaluate expressions on a workflow (`withExpressionIsolate`). */
export async function withIsolate<T>(workflow: Workflow, work: () => Promise<T> | T): Promise<T> {
	const acquired = await workflow.expression.acquireIsolate();
	try {
		return await work();
	} finally {
		if (acquired) await workflow.expression.releaseIsolate();
	}
}
