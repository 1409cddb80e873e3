// The training recipe in PyTorch: settings, the optimiser as TensorFlow.js runs it, schedule, penalties, augmentation.

import type { Architecture } from '../architecture';
import { activeRegularizer } from '../architecture';
import { ADAGRAD_EPSILON, OPTIMIZER_INFO } from '../optimizers';
import { py, str } from '../python';
import { WARMUP_FRACTION } from '../schedule';
import type { TrainSettings } from '../training';

/** The settings as constants at the top of the script; the command line can override the first few. */
export function settingsLines(s: TrainSettings, numClasses: number, dataset: string): string[] {
  const lines = [
    '# the recipe, as it was set in the browser (--seed, --epochs, --batch-size, --subset and --validation override the first five)',
    `SEED = ${py(s.seed)}`,
    `EPOCHS = ${py(s.epochs)}`,
    `BATCH_SIZE = ${py(s.batchSize)}`,
    `TRAINING_DIGITS = ${py(s.subset)}  # the first N of the browser's seeded shuffle of the training set`,
    `VALIDATION = ${str(s.validation)}  # ${s.validation === 'test' ? 'validate on the test set, as the seed does' : 'validate on a tenth of the training digits, held out'}`,
    `DATASET = ${str(dataset)}`,
    `NUM_CLASSES = ${py(numClasses)}  # the last layer's units`,
    `LEARNING_RATE = ${py(s.learningRate)}`,
  ];
  if (s.schedule === 'step') lines.push(`# step decay: the rate times ${py(s.stepFactor)} after every ${py(s.stepEvery)} epochs`, `STEP_EVERY = ${py(s.stepEvery)}`, `STEP_FACTOR = ${py(s.stepFactor)}`);
  if (s.schedule === 'cosine') lines.push('# cosine decay: from LEARNING_RATE down to 0 at the end of the last epoch, updated every batch');
  if (s.schedule === 'onecycle') {
    lines.push(
      `# one-cycle: from a tenth of LEARNING_RATE up to it over the first ${py(WARMUP_FRACTION * 100)}% of the run, then a half cosine down to 0 at the end; updated every batch`,
      `WARMUP_FRACTION = ${py(WARMUP_FRACTION)}`,
    );
  }
  if (s.augment) {
    lines.push(
      '# augmentation: every training digit shifted, rotated and zoomed at random, afresh every epoch',
      `SHIFT_PIXELS = ${py(s.shiftPixels)}`,
      `ROTATION_DEGREES = ${py(s.rotationDegrees)}`,
      `ZOOM_PERCENT = ${py(s.zoomPercent)}`,
    );
  }
  if (s.earlyStop) lines.push('# early stopping on val_loss, keeping the best epoch\'s weights', `PATIENCE = ${py(s.patience)}`, 'MIN_RELATIVE_IMPROVEMENT = 0.0001');
  return lines;
}

/** TensorFlow.js's own epsilon, which also clips probabilities in its cross-entropy. */
const LOSS_LINES = [
  'def categorical_crossentropy(probs, labels):',
  '    """Keras\'s and TensorFlow.js\'s loss on softmax outputs: probabilities clipped to [1e-7, 1 - 1e-7]."""',
  '    return -torch.log(probs.clamp(1e-7, 1 - 1e-7)).gather(1, labels[:, None]).mean()',
];

const RMSPROP_CLASS = [
  'class RMSpropTF(torch.optim.Optimizer):',
  '    """RMSprop as TensorFlow.js and Keras run it: epsilon inside the square root, the rate inside the momentum.',
  '    torch.optim.RMSprop adds epsilon outside the root, which takes far longer steps where gradients are tiny."""',
  '',
  '    def __init__(self, params, lr, rho, momentum, eps):',
  '        super().__init__(params, dict(lr=lr, rho=rho, momentum=momentum, eps=eps))',
  '',
  '    @torch.no_grad()',
  '    def step(self):',
  '        for group in self.param_groups:',
  '            for p in group["params"]:',
  '                if p.grad is None:',
  '                    continue',
  '                state = self.state[p]',
  '                if not state:',
  '                    state["mean_square"] = torch.zeros_like(p)',
  '                    state["moment"] = torch.zeros_like(p)',
  '                mean_square = state["mean_square"].mul_(group["rho"]).addcmul_(p.grad, p.grad, value=1 - group["rho"])',
  '                moment = state["moment"].mul_(group["momentum"]).add_(p.grad * group["lr"] / (mean_square + group["eps"]).sqrt())',
  '                p.sub_(moment)',
];

const ADADELTA_CLASS = [
  'class AdadeltaTF(torch.optim.Optimizer):',
  '    """Adadelta as TensorFlow.js 4.22 runs it: each step divides by the running mean of squared gradients from',
  '    before that step\'s gradient is added (Keras and torch.optim.Adadelta use the mean after it, one step ahead)."""',
  '',
  '    def __init__(self, params, lr, rho, eps):',
  '        super().__init__(params, dict(lr=lr, rho=rho, eps=eps))',
  '',
  '    @torch.no_grad()',
  '    def step(self):',
  '        for group in self.param_groups:',
  '            rho, eps = group["rho"], group["eps"]',
  '            for p in group["params"]:',
  '                if p.grad is None:',
  '                    continue',
  '                state = self.state[p]',
  '                if not state:',
  '                    state["square_avg"] = torch.zeros_like(p)',
  '                    state["acc_delta"] = torch.zeros_like(p)',
  '                square_avg, acc_delta = state["square_avg"], state["acc_delta"]',
  '                update = (acc_delta + eps).sqrt() / (square_avg + eps).sqrt() * p.grad',
  '                square_avg.mul_(rho).addcmul_(p.grad, p.grad, value=1 - rho)',
  '                acc_delta.mul_(rho).addcmul_(update, update, value=1 - rho)',
  '                p.sub_(update * group["lr"])',
];

const ADAMAX_CLASS = [
  'class AdamaxTF(torch.optim.Optimizer):',
  '    """Adamax as TensorFlow.js and Keras run it: epsilon added to the running maximum once it is taken',
  '    (torch.optim.Adamax adds it to |gradient| inside the maximum)."""',
  '',
  '    def __init__(self, params, lr, betas, eps):',
  '        super().__init__(params, dict(lr=lr, betas=betas, eps=eps))',
  '',
  '    @torch.no_grad()',
  '    def step(self):',
  '        for group in self.param_groups:',
  '            beta1, beta2 = group["betas"]',
  '            for p in group["params"]:',
  '                if p.grad is None:',
  '                    continue',
  '                state = self.state[p]',
  '                if not state:',
  '                    state["step"] = 0',
  '                    state["exp_avg"] = torch.zeros_like(p)',
  '                    state["exp_inf"] = torch.zeros_like(p)',
  '                state["step"] += 1',
  '                exp_avg = state["exp_avg"].mul_(beta1).add_(p.grad, alpha=1 - beta1)',
  '                exp_inf = torch.maximum(state["exp_inf"].mul_(beta2), p.grad.abs(), out=state["exp_inf"])',
  '                p.sub_(exp_avg / (exp_inf + group["eps"]) * (group["lr"] / (1 - beta1 ** state["step"])))',
];

/** make_optimizer(parameters), and the class it needs when torch.optim's formula differs from TensorFlow.js's. */
export function optimizerLines(s: TrainSettings): string[] {
  const label = OPTIMIZER_INFO[s.optimizer].label;
  const head = (comment: string[], classLines: string[] = []) => [...classLines, ...(classLines.length ? ['', ''] : []), 'def make_optimizer(parameters):', ...comment.map((c) => `    # ${c}`)];
  switch (s.optimizer) {
    case 'adam':
      return [
        ...head([`${label} as TensorFlow.js runs it (the same update as torch.optim.Adam); every setting written out, since`, "PyTorch's own epsilon is 1e-8 and TensorFlow's 1e-7."]),
        `    return torch.optim.Adam(parameters, lr=LEARNING_RATE, betas=(${py(s.beta1)}, ${py(s.beta2)}), eps=${py(s.epsilon)}, weight_decay=0, amsgrad=False)`,
      ];
    case 'sgd':
      return [
        ...head([
          s.momentum > 0
            ? `SGD with momentum ${py(s.momentum)}${s.nesterov ? " and Nesterov's look-ahead" : ''}: TensorFlow.js's update, velocity = momentum * velocity + gradient`
            : 'plain SGD: weights minus the rate times the gradient',
          'The regularisers are in the loss, so no weight_decay here.',
        ]),
        `    return torch.optim.SGD(parameters, lr=LEARNING_RATE, momentum=${py(s.momentum)}, dampening=0, nesterov=${s.momentum > 0 && s.nesterov ? 'True' : 'False'}, weight_decay=0)`,
      ];
    case 'rmsprop':
      return [...head([`RMSprop with rho ${py(s.rho)}, momentum ${py(s.momentum)} and epsilon ${py(s.epsilon)}, as TensorFlow.js runs it (see RMSpropTF)`], RMSPROP_CLASS), `    return RMSpropTF(parameters, lr=LEARNING_RATE, rho=${py(s.rho)}, momentum=${py(s.momentum)}, eps=${py(s.epsilon)})`];
    case 'adagrad':
      return [
        ...head([
          `Adagrad from an accumulator of ${py(s.initialAccumulator)}. TensorFlow.js divides by sqrt(accumulator + ${py(ADAGRAD_EPSILON)}), PyTorch by`,
          'sqrt(accumulator) + eps: starting the accumulator that much higher with eps = 0 is the same update.',
        ]),
        `    return torch.optim.Adagrad(parameters, lr=LEARNING_RATE, lr_decay=0, initial_accumulator_value=${py(s.initialAccumulator)} + ${py(ADAGRAD_EPSILON)}, eps=0, weight_decay=0)`,
      ];
    case 'adadelta':
      return [...head([`Adadelta with rho ${py(s.rho)} and epsilon ${py(s.epsilon)}, as TensorFlow.js runs it (see AdadeltaTF)`], ADADELTA_CLASS), `    return AdadeltaTF(parameters, lr=LEARNING_RATE, rho=${py(s.rho)}, eps=${py(s.epsilon)})`];
    case 'adamax':
      return [...head([`Adamax with betas (${py(s.beta1)}, ${py(s.beta2)}) and epsilon ${py(s.epsilon)}, as TensorFlow.js runs it (see AdamaxTF)`], ADAMAX_CLASS), `    return AdamaxTF(parameters, lr=LEARNING_RATE, betas=(${py(s.beta1)}, ${py(s.beta2)}), eps=${py(s.epsilon)})`];
  }
}

/** learning_rate_at(progress): the browser's schedule, progress being epochs done (fractional). */
export function scheduleLines(s: TrainSettings): string[] {
  if (s.schedule === 'none') return [];
  const head = ['def learning_rate_at(progress, epochs):', '    """The rate after `progress` epochs (the epoch plus the fraction of it done), as the browser sets it."""'];
  switch (s.schedule) {
    case 'step':
      return [...head, '    return LEARNING_RATE * STEP_FACTOR ** (math.floor(progress) // STEP_EVERY)'];
    case 'cosine':
      return [...head, '    return LEARNING_RATE * 0.5 * (1 + math.cos(math.pi * min(max(progress / epochs, 0), 1)))'];
    case 'onecycle':
      // src/model/schedule.ts's learningRateAt, line for line.
      return [
        ...head,
        '    t = min(max(progress / epochs, 0), 1)',
        '    if t < WARMUP_FRACTION:',
        '        return LEARNING_RATE * (0.1 + 0.9 * t / WARMUP_FRACTION)',
        '    return LEARNING_RATE * 0.5 * (1 + math.cos(math.pi * (t - WARMUP_FRACTION) / (1 - WARMUP_FRACTION)))',
      ];
  }
}

/** regularization_penalty(net), only when some layer has a kernel regulariser. */
export function penaltyLines(arch: Architecture): string[] {
  const terms = arch.layers.flatMap((layer, i) => {
    const r = activeRegularizer(layer);
    return r ? [`    (net.layer_${i}, ${py(r.l1)}, ${py(r.l2)}),`] : [];
  });
  if (terms.length === 0) return [];
  return [
    'def regularization_penalty(net):',
    '    """The kernel regularisers, added to the loss as Keras adds them: l1 * sum(|w|) + l2 * sum(w^2) per kernel,',
    '    biases left alone. (weight_decay would be the same for plain SGD but not for the other optimisers.)"""',
    '    penalty = 0.0',
    '    for layer, l1, l2 in (',
    ...terms.map((t) => `    ${t}`),
    '    ):',
    '        if l1:',
    '            penalty = penalty + l1 * layer.weight.abs().sum()',
    '        if l2:',
    '            penalty = penalty + l2 * layer.weight.square().sum()',
    '    return penalty',
  ];
}

/** distort() and augment(): the browser's shifts, rotations and zooms, one draw per digit, on the device. */
export const AUGMENT_LINES = [
  'def distort(x, dx, dy, angle, scale):',
  '    """Digits x [n, 1, side, side] shifted by (dx, dy) pixels, turned by angle (radians, clockwise on screen) and',
  '    scaled by scale about their centre, sampled bilinearly with zeros where the digit moved away: the transform',
  '    the browser hands tf.image.transform."""',
  '    c = (x.shape[-1] - 1) / 2',
  '    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale',
  '    theta = torch.stack([',
  '        torch.stack([cos, sin, -(cos * dx + sin * dy) / c], 1),',
  '        torch.stack([-sin, cos, (sin * dx - cos * dy) / c], 1),',
  '    ], 1)',
  '    grid = F.affine_grid(theta, list(x.shape), align_corners=True)',
  '    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=True)',
  '',
  '',
  'def augment(x, generator):',
  '    """A fresh random distortion for every digit, within the recipe\'s ranges. (torchvision\'s RandomAffine(degrees,',
  '    translate, scale) does much the same one image at a time; this runs a whole batch on the device.)"""',
  '    def spread(limit):',
  '        return (torch.rand(x.shape[0], generator=generator, device=generator.device) * 2 - 1).to(x.device) * limit',
  '    return distort(x, spread(SHIFT_PIXELS), spread(SHIFT_PIXELS), spread(ROTATION_DEGREES) * math.pi / 180, 1 + spread(ZOOM_PERCENT) / 100)',
];

export { LOSS_LINES };
