// The script's training loop (one process or many under torchrun) and its command line.

import type { DatasetId } from '../datasets';
import type { TrainSettings } from '../training';
import { dataArgumentLine } from './data';

export interface LoopOptions {
  settings: TrainSettings;
  side: number;
  penalty: boolean;
  batchNorm: boolean;
  /** "CNN Error" or "Baseline Error", as the seed prints it. */
  errorLabel: string;
  /** Default prefix of the files the script writes. */
  out: string;
  dataset: DatasetId;
  /** The dataset file --data defaults to, for your own classes. */
  datasetFile: string;
}

function inputLines(side: number): string[] {
  const pad = (side - 28) / 2;
  return [
    'def to_input(images):',
    `    """Bytes [n, 28, 28] as the network's input [n, 1, ${side}, ${side}], scaled to 0..1 as the browser scales them${pad > 0 ? ` (with a zero border of ${pad})` : ''}."""`,
    pad > 0 ? `    return F.pad(images.to(torch.float32).div_(255).unsqueeze(1), (${pad}, ${pad}, ${pad}, ${pad}))` : '    return images.to(torch.float32).div_(255).unsqueeze(1)',
  ];
}

const EVALUATE = `def evaluate(net, images, labels, chunk=500):
    """Loss and accuracy over a whole split in inference mode (dropout off, batch norm on its running statistics)."""
    net.eval()
    loss, correct = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(labels), chunk):
            probs, y = net(to_input(images[start:start + chunk])), labels[start:start + chunk]
            loss += categorical_crossentropy(probs, y).item() * len(y)
            correct += (probs.argmax(1) == y).sum().item()
    net.train()
    return loss / len(labels), correct / len(labels)


def start_processes(device):
    """Under torchrun, one process per GPU (NCCL) or per CPU share (gloo): (rank, processes, device)."""
    device = torch.device(device)
    if "WORLD_SIZE" not in os.environ:
        return 0, 1, device
    dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    if device.type == "cuda":
        device = torch.device("cuda", int(os.environ.get("LOCAL_RANK", 0)))
        torch.cuda.set_device(device)
    return dist.get_rank(), dist.get_world_size(), device`;

function trainLines(o: LoopOptions): string[] {
  const s = o.settings;
  const scheduled = s.schedule !== 'none';
  const lines = [
    'def train(net, data, device, rank, world, epochs, batch_size, seed):',
    '    """The browser\'s loop: a fresh shuffle every epoch, the loss as Keras reports it, one line an epoch. Under',
    '    torchrun each process takes every world-th digit and batch_size / world of each batch; DistributedDataParallel',
    '    averages the gradients, which is the gradient of the whole batch."""',
    '    train_x, train_y, val_x, val_y = data',
    '    model = nn.parallel.DistributedDataParallel(net, device_ids=[device] if device.type == "cuda" else None) if world > 1 else net',
    '    optimizer = make_optimizer(net.parameters())',
    '    if batch_size % world:',
    '        raise SystemExit("The batch of %d does not split evenly over %d processes; pass --batch-size" % (batch_size, world))',
    '    per_process, n = batch_size // world, len(train_y)',
    '    batches = math.ceil(math.ceil(n / world) / per_process)',
    '    shuffle = torch.Generator().manual_seed(seed)',
  ];
  if (s.augment) lines.push('    distortions = torch.Generator(device=device).manual_seed(seed * 1000 + rank)');
  if (s.earlyStop) lines.push('    best_loss, best_epoch, best_state, waited = math.inf, 0, None, 0');
  lines.push(
    '    for epoch in range(epochs):',
    '        started = time.time()',
    '        # every process the same number of digits (a few repeated when they do not split evenly)',
    '        order = torch.randperm(n, generator=shuffle)',
    '        order = torch.cat([order, order[:(-n) % world]])[rank::world].to(device)',
    '        totals = torch.zeros(3, dtype=torch.float64, device=device)  # loss x digits, right answers, digits',
    '        for b in range(batches):',
  );
  if (scheduled) lines.push('            for group in optimizer.param_groups:', '                group["lr"] = learning_rate_at(epoch + b / batches, epochs)');
  lines.push('            ids = order[b * per_process:(b + 1) * per_process]', '            x, y = to_input(train_x[ids]), train_y[ids]');
  if (s.augment) lines.push('            x = augment(x, distortions)');
  lines.push(
    '            probs = model(x)',
    `            loss = categorical_crossentropy(probs, y)${o.penalty ? ' + regularization_penalty(net)' : ''}`,
    '            optimizer.zero_grad(set_to_none=True)',
    '            loss.backward()',
    '            optimizer.step()',
    '            totals[0] += loss.detach() * len(y)',
    '            totals[1] += (probs.argmax(1) == y).sum()',
    '            totals[2] += len(y)',
    '        if world > 1:',
    '            dist.all_reduce(totals)',
    '        loss, acc = (totals[0] / totals[2]).item(), (totals[1] / totals[2]).item()',
    '        if not math.isfinite(loss) or loss > 3 * math.log(NUM_CLASSES):',
    '            raise SystemExit("Training diverged in epoch %d: the loss became %s. Try a lower learning rate." % (epoch + 1, loss))',
    ...(s.earlyStop ? ['        stop = False'] : []),
    '        if rank == 0:',
    '            val_loss, val_acc = evaluate(net, val_x, val_y)',
  );
  if (o.penalty) lines.push("            val_loss += float(regularization_penalty(net))  # Keras's val_loss includes it too");
  lines.push(
    `            line = (epoch + 1, epochs, round(time.time() - started), loss, acc, val_loss, val_acc${scheduled ? ', optimizer.param_groups[0]["lr"]' : ''})`,
    `            print("Epoch %d/%d - %ds - loss: %.4f - acc: %.4f - val_loss: %.4f - val_acc: %.4f${scheduled ? ' - lr: %.3g' : ''}" % line, flush=True)`,
  );
  if (s.earlyStop) {
    lines.push(
      '            if val_loss < best_loss * (1 - MIN_RELATIVE_IMPROVEMENT):',
      '                best_loss, best_epoch, waited = val_loss, epoch + 1, 0',
      '                best_state = {k: v.detach().clone() for k, v in net.state_dict().items()}',
      '            else:',
      '                waited += 1',
      '            stop = waited >= PATIENCE',
      '        if world > 1:',
      '            flag = torch.tensor([int(stop)], device=device)',
      '            dist.broadcast(flag, 0)',
      '            stop = bool(flag.item())',
      '        if stop:',
      '            if rank == 0:',
      '                net.load_state_dict(best_state)',
      '                print("Early stopping: val_loss has not improved for %d epochs; the weights of epoch %d are back" % (PATIENCE, best_epoch))',
      '            return optimizer, best_epoch',
    );
  }
  lines.push('    return optimizer, epochs');
  return lines;
}

function mainLines(o: LoopOptions): string[] {
  return [
    'def main():',
    '    parser = argparse.ArgumentParser(description="Train, or score, the network built in CNN Playground.")',
    dataArgumentLine(o.dataset, o.datasetFile),
    '    parser.add_argument("--dataset", default=DATASET, choices=["mnist", "fashion-mnist", "custom"])',
    '    parser.add_argument("--weights", help="start from these weights: the app\'s TF.js export (model.json) or this script\'s checkpoint (.pt)")',
    '    parser.add_argument("--evaluate", action="store_true", help="only score --weights on the test set")',
    '    parser.add_argument("--epochs", type=int, default=EPOCHS)',
    '    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="the whole batch, split over the processes")',
    '    parser.add_argument("--subset", type=int, default=TRAINING_DIGITS, help="how many training digits (the browser\'s choice of them)")',
    '    parser.add_argument("--seed", type=int, default=SEED)',
    '    parser.add_argument("--validation", default=VALIDATION, choices=["test", "holdout"], help="validate on the test set or on a tenth of the training digits")',
    `    parser.add_argument("--out", default=${JSON.stringify(o.out)}, help="where to write OUT.pt, OUT-model.json and OUT-model.weights.bin")`,
    '    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")',
    '    args = parser.parse_args()',
    '    rank, world, device = start_processes(args.device)',
    '    # fix random seed for reproducibility',
    '    torch.manual_seed(args.seed)',
    '    net = Net()',
    '    if args.weights:',
    '        load_weights(net, args.weights)',
    ...(o.batchNorm
      ? [
          '    if world > 1 and device.type == "cuda":',
          "        net = nn.SyncBatchNorm.convert_sync_batchnorm(net)  # batch statistics over every GPU's share of the batch",
          '    # (on CPU, gloo has no SyncBatchNorm: each process normalises over its own share of the batch)',
        ]
      : []),
    '    net.to(device)',
    '    train_x, train_y, test_x, test_y, class_names, note = load_data(args.dataset, args.data)',
    '    if rank == 0 and note:',
    '        print(note)',
    '    test = [torch.from_numpy(a).to(device) for a in (test_x, test_y)]',
    '    if args.evaluate:',
    '        if not args.weights:',
    '            raise SystemExit("--evaluate scores trained weights: pass --weights too")',
    '        _, accuracy = evaluate(net, *test)',
    '        if rank == 0:',
    `            print("${o.errorLabel}: %.2f%%" % (100 - accuracy * 100))`,
    '        return',
    '    data = [torch.from_numpy(a).to(device) for a in split(train_x, train_y, test_x, test_y, args.subset, args.validation, args.seed)]',
    '    if rank == 0:',
    '        print("Train on %d samples, validate on %d samples, %d process%s on %s" % (len(data[1]), len(data[3]), world, "" if world == 1 else "es", device.type))',
    '    optimizer, epochs_done = train(net, data, device, rank, world, args.epochs, args.batch_size, args.seed)',
    '    if rank == 0:',
    '        # Final evaluation of the model',
    '        _, accuracy = evaluate(net, *test)',
    `        print("${o.errorLabel}: %.2f%%" % (100 - accuracy * 100))`,
    '        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)',
    '        torch.save({"model": net.state_dict(), "optimizer": optimizer.state_dict(), "epochs": epochs_done}, args.out + ".pt")',
    '        save_tfjs(net, args.out, epochs_done, args.dataset, class_names)',
    '        print("Saved %s.pt, and %s-model.json with %s-model.weights.bin for the app to import" % (args.out, args.out, args.out))',
    '    if world > 1:',
    '        dist.destroy_process_group()',
  ];
}

export function loopCode(o: LoopOptions): string[] {
  return [...inputLines(o.side), '', '', ...EVALUATE.split('\n'), '', '', ...trainLines(o), '', '', ...mainLines(o)];
}
