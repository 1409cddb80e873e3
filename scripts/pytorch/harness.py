# Test harness: runs jobs against exported PyTorch scripts in Debian's torch, reading JSON on stdin, writing JSON.
#
# Each job imports a generated script as a module (its main() only runs when asked), so one Python
# process (one torch import) serves a whole test file. Used by the Vitest node tests and the e2e specs.
import contextlib
import hashlib
import importlib.util
import io
import json
import sys

import numpy
import torch

modules = {}


def load(path):
    """The generated script at path, imported once as a module of its own."""
    if path not in modules:
        spec = importlib.util.spec_from_file_location("exported_%d" % len(modules), path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules[path] = module
    return modules[path]


def net_with(m, weights):
    net = m.Net()
    if weights:
        m.load_weights(net, weights)
    return net.eval()


def forward(job):
    """The network's output for the inputs ([n, h, w, 1] as tfjs takes them), and its penalty."""
    m = load(job["script"])
    net = net_with(m, job["weights"])
    x = torch.tensor(job["inputs"], dtype=torch.float32).reshape(job["shape"]).permute(0, 3, 1, 2)
    with torch.no_grad():
        out = net(x)
        labels = torch.tensor(job.get("labels", [0] * out.shape[0]))
        loss = m.categorical_crossentropy(out, labels).item()
        penalty = float(m.regularization_penalty(net)) if hasattr(m, "regularization_penalty") else 0.0
    return {"outputs": out.flatten().tolist(), "loss": loss, "penalty": penalty}


def optimizer(job):
    """The weights after each step of make_optimizer on sum(c * (w - t)^2), the rate set before each step."""
    m = load(job["script"])
    w = torch.nn.Parameter(torch.tensor(job["w0"], dtype=torch.float32))
    c, t = torch.tensor(job["c"], dtype=torch.float32), torch.tensor(job["t"], dtype=torch.float32)
    opt = m.make_optimizer([w])
    path = []
    for rate in job["rates"]:
        for group in opt.param_groups:
            group["lr"] = rate
        opt.zero_grad()
        (c * (w - t) ** 2).sum().backward()
        opt.step()
        path.append(w.detach().tolist())
    return {"path": path}


def permutation(job):
    m = load(job["script"])
    return {"order": m.browser_permutation(job["n"], job["seed"])[: job["count"]].tolist()}


def split(job):
    m = load(job["script"])
    n = job["n"]
    xs, ys = numpy.arange(n, dtype=numpy.int64), numpy.arange(n, dtype=numpy.int64)
    tx, ty = numpy.arange(7, dtype=numpy.int64), numpy.arange(7, dtype=numpy.int64)
    train_x, _, val_x, _ = m.split(xs, ys, tx, ty, job["subset"], job["validation"], job["seed"])
    return {"train": train_x.tolist(), "validation": val_x.tolist()}


def distort(job):
    """Images [n, side, side] distorted by one (dx, dy, angle, scale) each."""
    m = load(job["script"])
    x = torch.tensor(job["images"], dtype=torch.float32).reshape(job["shape"]).unsqueeze(1)
    p = torch.tensor(job["params"], dtype=torch.float32)
    return {"images": m.distort(x, p[:, 0], p[:, 1], p[:, 2], p[:, 3]).flatten().tolist()}


def answers(job):
    """The probabilities the weights give the first count test examples of data (MNIST unless dataset says)."""
    m = load(job["script"])
    net = net_with(m, job["weights"])
    test_x = m.load_data(job.get("dataset", "mnist"), job["data"])[2]
    with torch.no_grad():
        return {"probabilities": net(m.to_input(torch.from_numpy(test_x[: job["count"]]))).tolist()}


def data(job):
    """What the script reads from data: the split's sizes, labels and a hash of the images, the class names, the note."""
    m = load(job["script"])
    train_x, train_y, test_x, test_y, class_names, note = m.load_data(job["dataset"], job["data"])
    digest = lambda a: hashlib.sha256(numpy.ascontiguousarray(a, dtype=numpy.uint8).tobytes()).hexdigest()
    return {"train": len(train_y), "test": len(test_y), "trainLabels": train_y[:job.get("count", 20)].tolist(), "testLabels": test_y.tolist(),
            "trainSha256": digest(train_x), "testSha256": digest(test_x), "classNames": class_names, "note": note}


def main(job):
    """The script's own main() with these arguments; what it printed, and why it stopped if it did."""
    m = load(job["script"])
    out = io.StringIO()
    argv, sys.argv = sys.argv, [job["script"]] + job["argv"]
    code = 0
    try:
        with contextlib.redirect_stdout(out):
            m.main()
    except SystemExit as e:
        code = str(e)
    finally:
        sys.argv = argv
    return {"stdout": out.getvalue(), "exit": code}


JOBS = {f.__name__: f for f in (forward, optimizer, permutation, split, distort, answers, data, main)}

if __name__ == "__main__":
    torch.manual_seed(0)
    results = [JOBS[job["kind"]](job) for job in json.load(sys.stdin)]
    json.dump(results, sys.stdout)
