#!/usr/bin/env node
// Golden outputs for tconv's Keras layers, computed by TensorFlow.js (its CPU backend: Google's own
// implementation of the Keras layers API), not by tconv.
//
//   cd tests/reference/keras && npm ci && node make_keras_goldens.js
//
// Each case is a random Conv2DTranspose in a tf.sequential model, applied by model.predict to a random
// input; the model is saved in TF.js' layers format (NAME.json + NAME.weights.bin, as tf.io's browser
// download writes them) under tests/fixtures/layers/keras/, and the case (its geometry, weights,
// input and TF.js' output) is written to tests/reference/goldens/keras_layer.txt. make_keras_files.py
// then writes the same weights as Keras 3 .keras and tf.keras 2 .h5 files. Weights of the float16 and
// bfloat16 cases are rounded to those types first, so that those files hold them exactly.
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');

const here = __dirname;
const fixtures = path.join(here, '..', '..', 'fixtures', 'layers', 'keras');
const goldens = path.join(here, '..', 'goldens', 'keras_layer.txt');

// mulberry32: a small seeded generator, so that the goldens are the same on every run.
let seed = 20261207;
function random() {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function uniform(n, lo, hi) { return Array.from({length: n}, () => lo + (hi - lo) * random()); }

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function toFloat32(v) { f32[0] = v; return f32[0]; }
// bfloat16: float32 rounded to the nearest 8-bit mantissa, ties to even.
function toBfloat16(v) {
    f32[0] = v;
    const bits = u32[0];
    u32[0] = ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16) << 16;
    return f32[0];
}
// float16 (IEEE half) round trip through the half's bits, for values well inside its range.
function toFloat16(v) {
    const e = Math.floor(Math.log2(Math.abs(v)));
    if (v === 0) return 0;
    const quantum = Math.pow(2, Math.max(e, -14) - 10);
    const q = v / quantum;
    let r = Math.round(q);
    if (Math.abs(q - Math.trunc(q)) === 0.5) r = 2 * Math.round(q / 2);  // ties to even
    return r * quantum;
}
const rounders = {float32: toFloat32, float16: toFloat16, bfloat16: toBfloat16};

const num = (v) => String(v);
const cases = [];

async function saveLayersModel(model, name) {
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
        const json = {
            modelTopology: artifacts.modelTopology,
            format: artifacts.format,
            generatedBy: artifacts.generatedBy,
            convertedBy: artifacts.convertedBy,
            weightsManifest: [{paths: [`./${name}.weights.bin`], weights: artifacts.weightSpecs}],
        };
        fs.writeFileSync(path.join(fixtures, `${name}.json`), JSON.stringify(json));
        fs.writeFileSync(path.join(fixtures, `${name}.weights.bin`), Buffer.from(artifacts.weightData));
        return {modelArtifactsInfo: {dateSaved: new Date(), modelTopologyType: 'JSON'}};
    }));
}

// One case: `layers` the Conv2DTranspose configurations of the model, `select` the one the golden
// applies (its output computed by a model of that layer alone, with the same weights).
async function makeCase(c) {
    const [h, w, cin] = c.input;
    const dtype = c.dtype || 'float32';
    const model = tf.sequential();
    let channels = cin;
    const built = [];
    for (const [i, l] of c.layers.entries()) {
        const config = {filters: l.filters, kernelSize: l.kernel, strides: l.strides, padding: l.padding,
                        activation: l.activation, useBias: l.bias, dataFormat: l.dataFormat || 'channelsLast', name: l.name};
        if (i === 0) config.inputShape = config.dataFormat === 'channelsFirst' ? [cin, h, w] : [h, w, cin];
        const layer = tf.layers.conv2dTranspose(config);
        model.add(layer);
        const kernelShape = [l.kernel[0], l.kernel[1], l.filters, channels];
        const kernel = uniform(kernelShape.reduce((a, b) => a * b), -0.5, 0.5).map(rounders[dtype]);
        const weights = [tf.tensor(kernel, kernelShape)];
        let bias = null;
        if (l.bias) {
            bias = uniform(l.filters, -0.3, 0.3).map(rounders[dtype]);
            weights.push(tf.tensor(bias, [l.filters]));
        }
        built.push({layer, l, kernel, kernelShape, bias, weights, cin: channels});
        channels = l.filters;
    }
    for (const b of built) b.layer.setWeights(b.weights);
    const sel = built.find((b) => b.l.name === c.select);
    const alone = tf.sequential();
    const first = sel.l.dataFormat === 'channelsFirst';
    alone.add(tf.layers.conv2dTranspose({filters: sel.l.filters, kernelSize: sel.l.kernel, strides: sel.l.strides,
                                         padding: sel.l.padding, activation: sel.l.activation, useBias: sel.l.bias,
                                         dataFormat: sel.l.dataFormat || 'channelsLast',
                                         inputShape: first ? [sel.cin, h, w] : [h, w, sel.cin]}));
    alone.layers[0].setWeights(sel.weights);
    // The input as tconv holds it: rows, columns, channels.
    const x = uniform(h * w * sel.cin, 0, 1).map(toFloat32);
    let xt = tf.tensor(x, [1, h, w, sel.cin]);
    if (first) xt = xt.transpose([0, 3, 1, 2]);
    let y = alone.predict(xt);
    if (first) y = y.transpose([0, 2, 3, 1]);
    const [, oh, ow, oc] = y.shape;
    const values = Array.from(await y.data());
    await saveLayersModel(model, c.name);
    cases.push([
        `case ${c.name}`,
        `model ${c.name}`,
        `select ${c.selectInFile ? c.select : '-'}`,
        `layer ${sel.cin} ${sel.l.filters} ${sel.l.kernel[0]} ${sel.l.kernel[1]} ${sel.l.bias ? 'bias' : 'nobias'}`,
        `strides ${sel.l.strides[0]} ${sel.l.strides[1]}`,
        `padding ${sel.l.padding}`,
        `activation ${c.activationName || sel.l.activation}`,
        `data_format ${first ? 'channels_first' : 'channels_last'}`,
        `dtype ${dtype}`,
        `input ${h} ${w}`,
        `output ${oh} ${ow}`,
        `kernel ${sel.kernel.map(num).join(' ')}`,
        ...(sel.bias ? [`bias ${sel.bias.map(num).join(' ')}`] : []),
        `x ${x.map(num).join(' ')}`,
        `expected ${values.map(num).join(' ')}`,
        'end',
    ].join('\n'));
    if (oc !== sel.l.filters) throw new Error(`${c.name}: ${oc} channels`);
}

function one(name, input, l, extra = {}) {
    return {name, input, layers: [{name: 'up', bias: true, ...l}], select: 'up', ...extra};
}

async function main() {
    await tf.setBackend('cpu');
    fs.mkdirSync(fixtures, {recursive: true});
    const list = [
        one('valid_s2_k4_linear', [5, 6, 3], {filters: 3, kernel: [4, 4], strides: [2, 2], padding: 'valid', activation: 'linear'}),
        // Odd padding totals: 'same' puts the odd position at the end.
        one('same_s2_k3_relu', [5, 6, 3], {filters: 3, kernel: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu'}),
        one('same_s3_k4_sigmoid_nobias', [5, 6, 3],
            {filters: 1, kernel: [4, 4], strides: [3, 3], padding: 'same', activation: 'sigmoid', bias: false}),
        one('same_s2_k5_tanh', [5, 6, 3], {filters: 4, kernel: [5, 5], strides: [2, 2], padding: 'same', activation: 'tanh'}),
        // A kernel smaller than the stride: 'valid' pads the output to in * stride.
        one('valid_s3_k2_elu', [5, 6, 3], {filters: 2, kernel: [2, 2], strides: [3, 3], padding: 'valid', activation: 'elu'}),
        one('same_s1_k3_softmax', [5, 6, 3], {filters: 3, kernel: [3, 3], strides: [1, 1], padding: 'same', activation: 'softmax'}),
        one('same_k3x2_s2x1_selu', [5, 6, 3], {filters: 2, kernel: [3, 2], strides: [2, 1], padding: 'same', activation: 'selu'}),
        one('valid_k2x5_s1x3_1to3', [5, 6, 1], {filters: 3, kernel: [2, 5], strides: [1, 3], padding: 'valid', activation: 'linear'}),
        one('same_s2_k4_channels_first', [5, 6, 3],
            {filters: 3, kernel: [4, 4], strides: [2, 2], padding: 'same', activation: 'relu', dataFormat: 'channelsFirst'}),
        one('same_s2_k3_float16', [5, 6, 3], {filters: 3, kernel: [3, 3], strides: [2, 2], padding: 'same', activation: 'linear'},
            {dtype: 'float16'}),
        one('valid_s2_k4_bfloat16', [5, 6, 3], {filters: 3, kernel: [4, 4], strides: [2, 2], padding: 'valid', activation: 'linear'},
            {dtype: 'bfloat16'}),
        {name: 'two_layers', input: [5, 6, 3], select: 'up2', selectInFile: true,
         layers: [{name: 'up1', filters: 4, kernel: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu', bias: true},
                  {name: 'up2', filters: 3, kernel: [4, 4], strides: [2, 2], padding: 'valid', activation: 'sigmoid', bias: true}]},
    ];
    for (const act of ['softplus', 'softsign', 'relu6', 'swish', 'mish', 'gelu', 'gelu_new', 'hardSigmoid', 'logSoftmax'])
        list.push(one(`same_s2_k3_${act}`, [4, 5, 3],
                      {filters: 2, kernel: [3, 3], strides: [2, 2], padding: 'same', activation: act}));
    for (const c of list) await makeCase(c);
    const header = `# Made by tests/reference/keras/make_keras_goldens.js from TensorFlow.js ${tf.version.tfjs} ` +
                   `(backend ${tf.getBackend()}) model.predict; do not edit by hand.\n`;
    fs.writeFileSync(goldens, header + cases.join('\n') + '\n');
    console.log(`wrote ${cases.length} cases to ${goldens}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
