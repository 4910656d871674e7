"""The fits' loop in PyTorch, shared by the fit golden generators: tconv's loss (the mean squared error
with its rule for saturated targets) minimised by torch.optim.Adam on the full batch."""
import torch


def saturated_mse(pairs):
    """The mean over every sample of the (prediction, target) pairs of e^2, e = y - t, except that a
    target of 0 only penalises y > 0 and one of 255 only y < 255."""
    total, count = 0.0, 0
    for y, t in pairs:
        e = y - t
        e = torch.where(((t <= 0) & (y < 0)) | ((t >= 255) & (y > 255)), torch.zeros_like(e), e)
        total = total + (e * e).sum()
        count += e.numel()
    return total / count


def adam_history(params, loss_of, lr, steps):
    """`steps` Adam updates of `params` minimising loss_of(); returns the loss before each, then after the
    last, and the first step of the lowest of them, whose values `params` are left holding (a fit keeps
    the best parameters it saw, not the last update's)."""
    opt = torch.optim.Adam(params, lr=lr)
    losses = []
    best, best_step = None, 0

    def record(loss):
        nonlocal best, best_step
        if not losses or loss < losses[best_step]:
            best, best_step = [p.detach().clone() for p in params], len(losses)
        losses.append(loss)

    for _ in range(steps):
        opt.zero_grad()
        loss = loss_of()
        record(float(loss))
        loss.backward()
        opt.step()
    record(float(loss_of()))
    with torch.no_grad():
        for p, b in zip(params, best):
            p.copy_(b)
    return losses, best_step
