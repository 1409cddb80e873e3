// The script's weights: the app's TF.js export in, PyTorch checkpoints and TF.js layers files out.

import type { TfjsLayerConfig } from '../tfjsTopology';
import { literal } from '../python';

/** TFJS_LAYERS: the network as TensorFlow.js layers, one line each, for the model.json the script writes. */
export function topologyLines(layers: TfjsLayerConfig[]): string[] {
  return ['# the network as TensorFlow.js layers, for the model.json the app imports back', 'TFJS_LAYERS = [', ...layers.map((l) => `    ${literal(l)},`), ']'];
}

export const WEIGHTS_CODE = `def tfjs_weights(net):
    """(TensorFlow.js weight name, PyTorch tensor, layout) for every weight: conv kernels are HWIO there and
    OIHW here, dense kernels [in, out] there and [out, in] here; biases and batch-norm statistics are the same."""
    for name, layer in net.named_children():
        if isinstance(layer, nn.Conv2d):
            yield name + "/kernel", layer.weight, (2, 3, 1, 0)
            yield name + "/bias", layer.bias, None
        elif isinstance(layer, nn.Linear):
            yield name + "/kernel", layer.weight, (1, 0)
            yield name + "/bias", layer.bias, None
        elif isinstance(layer, nn.modules.batchnorm._BatchNorm):
            yield name + "/gamma", layer.weight, None
            yield name + "/beta", layer.bias, None
            yield name + "/moving_mean", layer.running_mean, None
            yield name + "/moving_variance", layer.running_var, None


def load_tfjs_weights(net, path):
    """The weights of the app's TF.js export (its model.json, with the .bin beside it) into net."""
    with open(path) as f:
        doc = json.load(f)
    folder, chunks = os.path.dirname(os.path.abspath(path)), []
    for part in (p for group in doc["weightsManifest"] for p in group["paths"]):
        with open(os.path.join(folder, os.path.basename(part)), "rb") as f:
            chunks.append(f.read())
    data, arrays, offset = b"".join(chunks), {}, 0
    for spec in (w for group in doc["weightsManifest"] for w in group["weights"]):
        if spec["dtype"] != "float32" or "quantization" in spec:
            raise SystemExit("%s: only float32 weights can be read, as the app exports them" % spec["name"])
        count = int(numpy.prod(spec["shape"]))
        arrays[spec["name"]] = numpy.frombuffer(data, "<f4", count, offset).reshape(spec["shape"])
        offset += 4 * count
    with torch.no_grad():
        for name, tensor, layout in tfjs_weights(net):
            if name not in arrays:
                raise SystemExit("%s has no weight %s: is it the TF.js export of this network?" % (path, name))
            value = arrays[name].transpose(numpy.argsort(layout)) if layout else arrays[name]
            if tuple(value.shape) != tuple(tensor.shape):
                raise SystemExit("%s: %s has shape %s; this network needs %s" % (path, name, list(arrays[name].shape), list(tensor.shape)))
            tensor.copy_(torch.from_numpy(value.copy()))


def save_tfjs(net, prefix, epochs_done, dataset, class_names):
    """The network as a TensorFlow.js layers model: prefix-model.json and prefix-model.weights.bin, which the app
    imports (Models, Import, TF.js model) and tf.loadLayersModel reads. Like the app's own export, it names its
    dataset and class names unless they are MNIST's."""
    specs, blobs = [], []
    for name, tensor, layout in tfjs_weights(net):
        value = tensor.detach().cpu().numpy()
        value = numpy.ascontiguousarray(value.transpose(layout) if layout else value, dtype="<f4")
        specs.append({"name": name, "shape": list(value.shape), "dtype": "float32"})
        blobs.append(value.tobytes())
    weights_file = os.path.basename(prefix) + "-model.weights.bin"
    with open(prefix + "-model.weights.bin", "wb") as f:
        f.write(b"".join(blobs))
    model = {
        "format": "layers-model",
        "generatedBy": "CNN Playground's PyTorch export",
        "convertedBy": "PyTorch %s" % torch.__version__,
        "modelTopology": {"class_name": "Sequential", "config": {"name": "sequential", "layers": TFJS_LAYERS},
                          "keras_version": "tfjs-layers 4.22.0", "backend": "tensor_flow.js"},
        "weightsManifest": [{"paths": ["./" + weights_file], "weights": specs}],
        "userDefinedMetadata": {"cnnPlayground": {"epochsDone": epochs_done}},
    }
    if dataset != "mnist":
        model["userDefinedMetadata"]["cnnPlayground"].update(dataset=dataset, classNames=list(class_names))
    with open(prefix + "-model.json", "w") as f:
        json.dump(model, f)


def load_weights(net, path):
    """--weights: the app's TF.js export (model.json) or this script's own checkpoint (.pt)."""
    if path.endswith(".json"):
        load_tfjs_weights(net, path)
    else:
        net.load_state_dict(torch.load(path, map_location="cpu")["model"])`;
