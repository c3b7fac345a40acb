<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name></name>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="49"/>
        <source>&amp;Rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="50"/>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="51"/>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="52"/>
        <source>&amp;Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="53"/>
        <source>&amp;Brightness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="54"/>
        <source>&amp;Contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="55"/>
        <source>B&amp;lur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="56"/>
        <source>Cut&amp;out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AugmentPanel</name>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="67"/>
        <source>Flip left–&amp;right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="68"/>
        <source>Flip &amp;upside down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="73"/>
        <source>Random changes to training images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="88"/>
        <source>0 switches a change off. Validation and test images are never changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="89"/>
        <source>Switch all &amp;off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="92"/>
        <source>The first image of the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="94"/>
        <source>Choose &amp;picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="98"/>
        <source> variants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="99"/>
        <source>&amp;New random variants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="100"/>
        <source>The preview appears once TensorFlow has loaded and a folder is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="113"/>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="169"/>
        <source>Choose a picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="170"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="179"/>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="196"/>
        <source>Making variants…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="201"/>
        <source>Picture: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="210"/>
        <source>{0} random variants, as training would see them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetPanel</name>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="47"/>
        <source>A folder with one subfolder of images per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="48"/>
        <source>Image folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="49"/>
        <source>&amp;Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="50"/>
        <source>Open the &amp;digits demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="51"/>
        <source>Download &amp;flower photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="52"/>
        <source>tf_flowers: 3,670 photos of 5 kinds of flowers (about 220 MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="53"/>
        <source>Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="55"/>
        <source>%p% downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="60"/>
        <source>Image folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="64"/>
        <source>Drop a folder here, or start with a ready-made dataset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="70"/>
        <source>No folder chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="75"/>
        <source>Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="75"/>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="75"/>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="76"/>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="76"/>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="76"/>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="84"/>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="236"/>
        <source>Skipped files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="86"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="86"/>
        <source>Why it was skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="103"/>
        <source>Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="105"/>
        <source>&amp;Validation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="106"/>
        <source>&amp;Test:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="107"/>
        <source>&amp;Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="108"/>
        <source>Validation images decide when training stops; test images are kept aside to measure the finished model. A folder with its own test/ folder keeps it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="116"/>
        <source>Check for &amp;duplicates again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="117"/>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="176"/>
        <source>Choose the image folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="190"/>
        <source>These percentages leave too few training images: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="213"/>
        <source>Checking every image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="217"/>
        <source>Looking for the same picture in two splits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="240"/>
        <source>{0} usable images in {1} classes ({2}); {3} files skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="242"/>
        <source>already split into folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="242"/>
        <source>one folder per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="251"/>
        <source>Skipped files ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="302"/>
        <source>{0} pictures appear in two splits ({1} identical files, the rest near copies); test accuracy will look better than it is. For example:
  {2}
  {3}
Remove the copies from the folder and check it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="307"/>
        <source>No picture appears in two splits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="308"/>
        <source>Nothing to warn about.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="27"/>
        <source>tlstudio — train image classifiers with little data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="39"/>
        <source>1 · &amp;Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="40"/>
        <source>2 · &amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="41"/>
        <source>3 · &amp;Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="42"/>
        <source>4 · &amp;Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="43"/>
        <source>5 · &amp;Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="44"/>
        <source>6 · &amp;Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="53"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="54"/>
        <source>&amp;Open image folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="55"/>
        <source>Open the &amp;digits demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="56"/>
        <source>Download &amp;flower photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="58"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="59"/>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="60"/>
        <source>&amp;Start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="61"/>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="62"/>
        <source>&amp;Compare all three</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="63"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="68"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="69"/>
        <source>Open &amp;log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="70"/>
        <source>&amp;About tlstudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="100"/>
        <source>Device: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="122"/>
        <source>About tlstudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="123"/>
        <source>&lt;b&gt;tlstudio&lt;/b&gt;&lt;br&gt;Train image classifiers when data is scarce: augmentation, transfer learning and fine-tuning, side by side.&lt;br&gt;&lt;br&gt;Workspace: {0}&lt;br&gt;Log file: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="129"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="129"/>
        <source>The new language is used from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="135"/>
        <source>Stop training?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="136"/>
        <source>A model is training. Stop it and close tlstudio? The run folder keeps its last checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="141"/>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="51"/>
        <location filename="../../tlstudio/gui/model_panel.py" line="84"/>
        <source>Backbone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="54"/>
        <source>ImageNet (pretrained)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="55"/>
        <source>Random (no pretraining)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="56"/>
        <source>From a file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="60"/>
        <source>usual for the backbone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="65"/>
        <source>From &amp;scratch: random weights, everything trains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="66"/>
        <source>&amp;Transfer: backbone frozen, only the head trains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="67"/>
        <source>&amp;Fine-tune: head first, then layers from the cutoff on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="73"/>
        <source>Average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="74"/>
        <source>Maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="75"/>
        <source>Flatten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="78"/>
        <source>Sizes of the hidden layers, separated by commas (empty: none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="86"/>
        <source>&amp;Network:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="88"/>
        <source>&amp;Weights:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="89"/>
        <source>&amp;Image size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="90"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="94"/>
        <source>Head (new decision layers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="96"/>
        <source>&amp;Pooling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="97"/>
        <source>Hidden &amp;layers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="98"/>
        <source>&amp;Dropout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="109"/>
        <source>Loading the layer list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="114"/>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="114"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="114"/>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="114"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="115"/>
        <source>Layer list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="126"/>
        <source>&lt;b&gt;Layers of the backbone&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="127"/>
        <source>Click a layer to fine-tune from it: it and the layers after it train, the greyed layers with a lock stay frozen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="197"/>
        <source>Choose a weights file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="198"/>
        <source>Keras weights (*.h5 *.keras *.weights.h5);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="216"/>
        <source>works offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="216"/>
        <source>weights downloaded once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="230"/>
        <source>{0}. Usual input {1} px, {2} parameters. {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="232"/>
        <source>ImageNet weights ship with tlstudio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="233"/>
        <source>ImageNet weights are downloaded on first use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="248"/>
        <source>Building the layer list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="250"/>
        <source>The layer list appears once TensorFlow has loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="261"/>
        <source>input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="289"/>
        <source>Frozen: keeps its ImageNet weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="289"/>
        <source>Trained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="295"/>
        <source>From scratch: every layer trains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="296"/>
        <source>Transfer: the whole backbone is frozen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="297"/>
        <source>Fine-tuning from {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="298"/>
        <source>{0} Frozen: {1} parameters in {2} layers. Trainable: {3} parameters in {4} layers (plus the head).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="41"/>
        <location filename="../../tlstudio/gui/predict_panel.py" line="150"/>
        <source>Model: none yet. Train one, or open a saved model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="43"/>
        <source>Open &amp;model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="44"/>
        <source>Add &amp;images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="45"/>
        <source>Add &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="46"/>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="52"/>
        <source>Drop pictures or a folder here, or:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="58"/>
        <source>Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="58"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="58"/>
        <source>Predicted class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="59"/>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="113"/>
        <source>Open a saved model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="114"/>
        <source>Keras model (*.keras)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="120"/>
        <source>Choose pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="121"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="127"/>
        <source>Choose a folder of pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="133"/>
        <source>Save predictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="134"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="149"/>
        <source>Model: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="155"/>
        <source>Predicting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="166"/>
        <source>could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="171"/>
        <source>{0} pictures predicted, {1} could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="189"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Could not be read: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="193"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Predicted: &lt;b&gt;{1}&lt;/b&gt;&lt;table&gt;{2}&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="69"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="70"/>
        <source>No finished run yet: train a model on the Training tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="74"/>
        <source>&amp;Run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="82"/>
        <source>Confusion matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="84"/>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="84"/>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="84"/>
        <source>Recall (95% interval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="85"/>
        <source>F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="85"/>
        <source>Test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="92"/>
        <source>&lt;b&gt;Confusion matrix&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="93"/>
        <source>Rows: the true class. Columns: what the model said. Click a cell to see those images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="96"/>
        <source>&lt;b&gt;Each class&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="99"/>
        <location filename="../../tlstudio/gui/results_panel.py" line="288"/>
        <source>&lt;b&gt;Mistakes&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="100"/>
        <source>Show &amp;all mistakes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="109"/>
        <source>Misclassified images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="138"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="138"/>
        <source>Backbone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="138"/>
        <source>Test accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="139"/>
        <source>95% interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="139"/>
        <source>Balanced accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="140"/>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="140"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="147"/>
        <source>Validation accuracy of each run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="148"/>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="149"/>
        <source>validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="159"/>
        <source>This run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="160"/>
        <source>Compare runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="195"/>
        <location filename="../../tlstudio/gui/results_panel.py" line="314"/>
        <source>Computing Grad-CAM heatmaps of the mistakes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="207"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="233"/>
        <source>This run was stopped before the end: it has no test results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="239"/>
        <source>Test accuracy {0} (95% interval {1} to {2}) on {3} images never seen in training; balanced accuracy {4}. {5}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="258"/>
        <source>{0} images of {1} were called {2} ({3} of the row)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="295"/>
        <source>&lt;b&gt;Mistakes&lt;/b&gt;: {0} of {1} test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="299"/>
        <source>&lt;b&gt;True {0}, called {1}&lt;/b&gt;: {2} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="311"/>
        <source>These {0} images were recognised correctly; the gallery shows mistakes only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="316"/>
        <source>No mistakes on the test images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="318"/>
        <source>Showing the first {0} mistakes with the part of the picture the model looked at (Grad-CAM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="321"/>
        <source>Red areas: the part of the picture that made the model choose its answer (Grad-CAM). Select an image for details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="342"/>
        <source>No heatmap for this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="345"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;True class: &lt;b&gt;{1}&lt;/b&gt;&lt;br&gt;Model said: &lt;b&gt;{2}&lt;/b&gt;&lt;table&gt;{3}&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Studio</name>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="63"/>
        <source>Loading TensorFlow…</source>
        <extracomment>The setup a first launch opens the bundled digits with: offline backbone, frozen, 96 px.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="70"/>
        <source>Preparing the handwritten digits demo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="74"/>
        <source>Downloading the flower photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="79"/>
        <source>Download cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="92"/>
        <source>Checking the images in {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="103"/>
        <source>Looking for the same picture in two splits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="199"/>
        <source>Cannot start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="202"/>
        <source>Comparing scratch, transfer and fine-tune…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="203"/>
        <source>Training started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="209"/>
        <source>Stopping after this batch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="214"/>
        <source>Choose an image folder first (Dataset tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="216"/>
        <source>The images are still being checked; start again when the check is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="224"/>
        <source>Finished: test accuracy {0:.1%}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="225"/>
        <source>Finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="230"/>
        <source>Stopped before the end (cancelled).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="231"/>
        <source>Run cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="236"/>
        <source>Training stopped with an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="237"/>
        <source>Training stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="265"/>
        <source>Train a model first, or open a saved model (model.keras) to predict with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="266"/>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="268"/>
        <source>Predicting {0} item(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="293"/>
        <source>Ready ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="314"/>
        <source>The flower photos are in {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="324"/>
        <source>{0} usable images in {1} classes; {2} skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="336"/>
        <source>Duplicate check done: {0} pair(s) found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="347"/>
        <source>{0} image(s) predicted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="350"/>
        <source>Predictions saved to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="355"/>
        <source>This folder cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="356"/>
        <source>Download failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="357"/>
        <source>TensorFlow could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="358"/>
        <source>Prediction failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="361"/>
        <source>Something did not work</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="61"/>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="65"/>
        <source>training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="69"/>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="73"/>
        <source>fine-tuning starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="88"/>
        <source>same as above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="103"/>
        <source>Give rare classes more &amp;weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="108"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="110"/>
        <source>&amp;Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="111"/>
        <source>Fine-tune e&amp;pochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="112"/>
        <source>&amp;Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="113"/>
        <source>&amp;Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="114"/>
        <source>Fine-tune rate &amp;factor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="115"/>
        <source>Pa&amp;tience:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="116"/>
        <source>Augmented &amp;views:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="117"/>
        <source>See&amp;d:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="119"/>
        <source>Training stops early when validation accuracy has not improved for &apos;patience&apos; epochs, and keeps the best epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="123"/>
        <source>&amp;Start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="125"/>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="127"/>
        <source>&amp;Compare all three</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="128"/>
        <source>Train from scratch, transfer and fine-tune on the same split, one after the other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="134"/>
        <source>Device: loading TensorFlow…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="135"/>
        <location filename="../../tlstudio/gui/training_panel.py" line="297"/>
        <source>Not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="140"/>
        <location filename="../../tlstudio/gui/training_panel.py" line="263"/>
        <source>batch %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="148"/>
        <source>Training messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="156"/>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="156"/>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="157"/>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="157"/>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="243"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="248"/>
        <source>Device: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="258"/>
        <source>Now: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="261"/>
        <source>epoch {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="263"/>
        <source>image %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="267"/>
        <source>about {0} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="270"/>
        <source>{0} epoch {1}: loss {2:.3f}, accuracy {3:.1%}, validation accuracy {4:.1%}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>modes</name>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="85"/>
        <source>From scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="86"/>
        <source>Transfer (frozen backbone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="87"/>
        <source>Fine-tuned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phases</name>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="94"/>
        <source>checking the images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="95"/>
        <source>computing backbone features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="96"/>
        <source>training the head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="97"/>
        <source>fine-tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="98"/>
        <source>training from scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="99"/>
        <source>testing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="100"/>
        <source>saving</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
