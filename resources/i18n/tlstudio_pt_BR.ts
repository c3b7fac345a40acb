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
        <location filename="../../tlstudio/gui/augment_panel.py" line="90"/>
        <source>0 switches a change off. Validation and test images are never changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="91"/>
        <source>Switch all &amp;off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="94"/>
        <source>The first image of the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="96"/>
        <source>Choose &amp;picture…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="100"/>
        <source> variants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="101"/>
        <source>&amp;New random variants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="102"/>
        <source>The preview appears once TensorFlow has loaded and a folder is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="115"/>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="171"/>
        <source>Choose a picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="172"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="181"/>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="198"/>
        <source>Making variants…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="203"/>
        <source>Picture: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="212"/>
        <source>{0} random variants, as training would see them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalibrationView</name>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="59"/>
        <location filename="../../tlstudio/gui/calibration_view.py" line="159"/>
        <source>No calibration yet: train a model on the Training tab.</source>
        <extracomment>Mean confidence and accuracy closer than this read as &quot;about right&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="67"/>
        <source>Reliability diagram (test images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="67"/>
        <source>confidence (top probability)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="68"/>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="72"/>
        <source>perfect calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="75"/>
        <source>before scaling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="77"/>
        <source>after scaling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="79"/>
        <source>Answering less to be right more (test images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="80"/>
        <source>confidence threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="80"/>
        <source>share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="84"/>
        <source>coverage (images answered)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="86"/>
        <source>accuracy of the answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="94"/>
        <location filename="../../tlstudio/gui/calibration_view.py" line="97"/>
        <source>Confidence threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="101"/>
        <source>&amp;Save threshold with the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="104"/>
        <source>&amp;Threshold:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="117"/>
        <source>When the model says 90%, is it right 90% of the time? Points on the diagonal mean yes; below it, the model is over-confident. Temperature scaling, fitted on the validation images, corrects that. Below the confidence threshold the model answers “uncertain” instead of a class, so a person looks at those images: a higher threshold answers fewer images and gets more of them right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="160"/>
        <source>This run has no calibration: it was stopped before the end, or trained before tlstudio measured calibration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="170"/>
        <source>&lt;b&gt;Temperature {0:.2f}&lt;/b&gt; · expected calibration error (ECE) &lt;b&gt;{1}&lt;/b&gt; before scaling → &lt;b&gt;{2}&lt;/b&gt; after, on {3} test images (temperature fitted on {4} validation images).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="184"/>
        <source>Saved with the model: threshold {0:.2f}. Predict answers “uncertain” below it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="185"/>
        <source>No threshold saved: the model answers every image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="199"/>
        <source>At {0:.2f} the model answers none of the {1} test images: every one is “uncertain”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="202"/>
        <source>At {0:.2f} the model answers {1} of the images, {2} of them right; it says “uncertain” for {3} of the {4} test images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="211"/>
        <source>Before scaling the model was over-confident: it said {0} on average where it was right {1} of the time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="214"/>
        <source>Before scaling the model was under-confident: it said {0} on average where it was right {1} of the time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="217"/>
        <source>Before scaling the model&apos;s confidence was about right on average ({0} said, {1} right).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="220"/>
        <source>Temperature scaling found nothing to correct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="222"/>
        <source>After scaling it says {0} on average.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="224"/>
        <source>Scaling did not help on the test images: the validation images may be too few, or unlike the test images.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrossValView</name>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="50"/>
        <source>Folds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="54"/>
        <source>Repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="45"/>
        <source>&amp;Cross-validate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="45"/>
        <source>fold %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="55"/>
        <source>&amp;Folds:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="56"/>
        <source>R&amp;epeats:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="62"/>
        <source>test accuracy of the held-out fold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="65"/>
        <location filename="../../tlstudio/gui/crossval_view.py" line="79"/>
        <source>No cross-validation yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="46"/>
        <source>Cross-validation figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="41"/>
        <source>How much does one split&apos;s figure owe to chance? The images are divided into folds of the same class mix; each fold is held out once as the test images of a model trained on the others, and the whole is repeated with other folds. The spread between folds is how much a single split could have varied. Most useful when a class has fewer than about 30 images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="46"/>
        <source>fold %v of %m, about {0} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="94"/>
        <source>{0} folds x {1} repeats, {2} images (bar: mean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="99"/>
        <source>Stopped early: {0} of {1} models trained.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="101"/>
        <source>Note: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="102"/>
        <source>Saved in {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="110"/>
        <source>{0}: accuracy {1:.0%} on the one fold finished; the spread needs at least two folds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="113"/>
        <source>1 point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="113"/>
        <source>{0} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="114"/>
        <source>{0}: accuracy {1:.0%} ± {2} over {3} folds: a single split could have shown anything from {4:.0%} to {5:.0%}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="123"/>
        <source>{0} against {1}: {2:+.1f} points on average, better in {3} of {4} folds, worse in {5}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="128"/>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="128"/>
        <source>Balanced accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="129"/>
        <source>Macro F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="131"/>
        <source>Recall of {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="135"/>
        <source>Metric</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="137"/>
        <source>{0}: mean ± sd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="137"/>
        <source>{0}: lowest – highest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="146"/>
        <source>{0:.1%} ± {1:.1f}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CurveView</name>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="64"/>
        <location filename="../../tlstudio/gui/curve_view.py" line="147"/>
        <source>Images per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="68"/>
        <source>Seeds per size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="60"/>
        <source>&amp;Draw learning curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="60"/>
        <source>model %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="69"/>
        <source>&amp;Images per class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="70"/>
        <source>S&amp;eeds per size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="76"/>
        <source>training images per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="77"/>
        <source>test accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="81"/>
        <location filename="../../tlstudio/gui/curve_view.py" line="98"/>
        <source>No learning curve yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="61"/>
        <source>Learning curve figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="56"/>
        <source>Would more images help? The recipe set on the Model and Training tabs is trained on 5, 10, 25… images per class, up to all of them, several times each, and tested on the same test images. A curve still rising at the right means more images will likely help; a flat one, that they will not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="61"/>
        <source>model %v of %m, about {0} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="119"/>
        <source>Test accuracy on {0} test images (band: worst to best of {1} seeds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="120"/>
        <source>Test accuracy on {0} test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="122"/>
        <source> (stopped early: the models trained so far)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="124"/>
        <source>Saved in {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="131"/>
        <source>{0}: one size only, so there is no curve to read yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="134"/>
        <source>{0}: still rising ({1} points from {2} to {3} images per class). More images will likely help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="137"/>
        <source>{0}: lower with more images ({1} points from {2} to {3} images per class). Look for mislabelled or unusual images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="140"/>
        <source>{0}: flat ({1} points from {2} to {3} images per class, within the spread between seeds). More images of the same kind are unlikely to help much.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="142"/>
        <source>{0}: flat ({1} points from {2} to {3} images per class, within one point). More images of the same kind are unlikely to help much.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="151"/>
        <source>{0} (all)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetPanel</name>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="48"/>
        <source>A folder with one subfolder of images per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="49"/>
        <source>Image folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="50"/>
        <source>&amp;Choose folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="51"/>
        <source>Open the &amp;digits demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="52"/>
        <source>Download &amp;flower photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="53"/>
        <source>tf_flowers: 3,670 photos of 5 kinds of flowers (about 220 MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="54"/>
        <source>Cancel download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="56"/>
        <source>%p% downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="61"/>
        <source>Image folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="65"/>
        <source>Drop a folder here, or start with a ready-made dataset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="71"/>
        <source>No folder chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="76"/>
        <source>Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="76"/>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="76"/>
        <source>Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="77"/>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="77"/>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="77"/>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="85"/>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="310"/>
        <source>Skipped files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="87"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="87"/>
        <source>Why it was skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="105"/>
        <source>Nothing (each image on its own)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="106"/>
        <source>A CSV file (columns file and group)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="107"/>
        <source>A pattern in the file names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="108"/>
        <source>Keep all images of one patient or lesion in the same split, so the test measures the model on patients it has never seen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="111"/>
        <source>A CSV file with the columns file and group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="112"/>
        <source>CSV file of groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="113"/>
        <source>C&amp;hoose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="120"/>
        <source>e.g. ^(patient\d+)_ for patient12_left.jpg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="121"/>
        <source>File-name pattern of groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="122"/>
        <source>A regular expression searched in each file name; the part in parentheses is the patient or lesion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="125"/>
        <source>Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="127"/>
        <source>&amp;Validation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="128"/>
        <source>&amp;Test:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="129"/>
        <source>&amp;Seed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="130"/>
        <source>&amp;Group images by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="131"/>
        <source>CSV &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="132"/>
        <source>&amp;Pattern:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="134"/>
        <source>Validation images decide when training stops; test images are kept aside to measure the finished model. A folder with its own test/ folder keeps it. Grouping keeps all images of a patient or lesion in one split.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="144"/>
        <source>Check for &amp;duplicates again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="145"/>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="208"/>
        <source>Choose the image folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="219"/>
        <source>Choose the CSV file of groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="220"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="248"/>
        <source>The pattern cannot be used, so the images are not regrouped: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="256"/>
        <source>These percentages leave too few training images: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="260"/>
        <source>Choose the CSV file that gives each image&apos;s group; until then the images are not grouped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="263"/>
        <source>Type the pattern that finds the patient or lesion in a file name; until then the images are not grouped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="287"/>
        <source>Checking every image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="291"/>
        <source>Looking for the same picture in two splits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="315"/>
        <source>{0} usable images in {1} classes ({2}); {3} files skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="317"/>
        <source>already split into folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="317"/>
        <source>one folder per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="326"/>
        <source>Skipped files ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="363"/>
        <source>{0} groups: {1} in training, {2} in validation, {3} in test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="366"/>
        <source>{0} images have no group and count as one each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="368"/>
        <source>No group is in two splits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="370"/>
        <source>{0} groups are in two splits (see the warnings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="419"/>
        <source>{0} pictures appear in two splits ({1} identical files, the rest near copies); test accuracy will look better than it is. For example:
  {2}
  {3}
Remove the copies from the folder and check it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="424"/>
        <source>No picture appears in two splits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="425"/>
        <source>Nothing to warn about.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="19"/>
        <source>Export model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="21"/>
        <source>Keras (.keras): takes pictures of any size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="22"/>
        <source>TensorFlow SavedModel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="23"/>
        <source>TensorFlow Lite (phones, small devices)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="24"/>
        <source>TensorFlow Lite, 8-bit (smaller and faster, slightly different answers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="25"/>
        <source>ONNX (other runtimes and languages)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="28"/>
        <source>Export the model of {0}. Each file is loaded again and checked against the model here; a labels file and a model card go beside them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="40"/>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="28"/>
        <source>tlstudio — train image classifiers with little data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="40"/>
        <source>1 · &amp;Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="41"/>
        <source>2 · &amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="42"/>
        <source>3 · &amp;Augmentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="43"/>
        <source>4 · &amp;Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="44"/>
        <source>5 · &amp;Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="45"/>
        <source>6 · &amp;Predict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="61"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="62"/>
        <source>&amp;Open image folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="63"/>
        <source>Open the &amp;digits demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="64"/>
        <source>Download &amp;flower photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="66"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="67"/>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="68"/>
        <source>&amp;Start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="69"/>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="70"/>
        <source>&amp;Compare all three</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="71"/>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="76"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="77"/>
        <source>Open &amp;log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="78"/>
        <source>&amp;About tlstudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="108"/>
        <source>Device: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="130"/>
        <source>About tlstudio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="131"/>
        <source>&lt;b&gt;tlstudio&lt;/b&gt;&lt;br&gt;Train image classifiers when data is scarce: augmentation, transfer learning and fine-tuning, side by side.&lt;br&gt;&lt;br&gt;Workspace: {0}&lt;br&gt;Log file: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="137"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="137"/>
        <source>The new language is used from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="143"/>
        <source>Stop training?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="144"/>
        <source>A model is training. Stop it and close tlstudio? The run folder keeps its last checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="149"/>
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
        <location filename="../../tlstudio/gui/model_panel.py" line="290"/>
        <source>Batch normalisation: kept frozen while fine-tuning, so its ImageNet statistics stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="292"/>
        <source>Frozen: keeps its ImageNet weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="292"/>
        <source>Trained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="299"/>
        <source>From scratch: every layer trains.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="300"/>
        <source>Transfer: the whole backbone is frozen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="301"/>
        <source>Fine-tuning from {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="302"/>
        <source>{0} Frozen: {1} parameters in {2} layers. Trainable: {3} parameters in {4} layers (plus the head).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="42"/>
        <location filename="../../tlstudio/gui/predict_panel.py" line="152"/>
        <source>Model: none yet. Train one, or open a saved model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="44"/>
        <source>Open &amp;model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="45"/>
        <source>Add &amp;images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="46"/>
        <source>Add &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="47"/>
        <source>&amp;Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="53"/>
        <source>Drop pictures or a folder here, or:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="59"/>
        <source>Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="59"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="59"/>
        <source>Predicted class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="60"/>
        <source>Probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="115"/>
        <source>Open a saved model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="116"/>
        <source>Keras model (*.keras)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="122"/>
        <source>Choose pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="123"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="129"/>
        <source>Choose a folder of pictures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="135"/>
        <source>Save predictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="136"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="151"/>
        <source>Model: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="157"/>
        <source>Predicting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="169"/>
        <source>could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="171"/>
        <source>uncertain (best guess: {0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="177"/>
        <source>The model&apos;s confidence is below the threshold saved with it: have a person look at this picture.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="185"/>
        <source>{0} pictures predicted, {1} could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="187"/>
        <source>{0} uncertain: the model&apos;s confidence is below its threshold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="206"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Could not be read: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="212"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Predicted: &lt;b&gt;uncertain&lt;/b&gt; (best guess {1} at {2}, below the threshold {3})&lt;table&gt;{4}&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="216"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Predicted: &lt;b&gt;{1}&lt;/b&gt;&lt;table&gt;{2}&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="74"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="75"/>
        <source>No finished run yet: train a model on the Training tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="79"/>
        <source>&amp;Run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="82"/>
        <source>E&amp;xport model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="83"/>
        <source>Save the model of this run as Keras, SavedModel, TensorFlow Lite or ONNX, each checked, with a labels file and a model card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="98"/>
        <source>Confusion matrix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="100"/>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="100"/>
        <source>Precision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="100"/>
        <source>Recall (95% interval)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="101"/>
        <source>F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="101"/>
        <source>Test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="108"/>
        <source>&lt;b&gt;Confusion matrix&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="109"/>
        <source>Rows: the true class. Columns: what the model said. Click a cell to see those images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="112"/>
        <source>&lt;b&gt;Each class&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="115"/>
        <location filename="../../tlstudio/gui/results_panel.py" line="356"/>
        <source>&lt;b&gt;Mistakes&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="116"/>
        <source>Show &amp;all mistakes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="125"/>
        <source>Misclassified images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="157"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="157"/>
        <source>Backbone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="157"/>
        <source>Test accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="158"/>
        <source>95% interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="158"/>
        <source>Balanced accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="159"/>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="159"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="168"/>
        <source>Validation accuracy of each run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="169"/>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="170"/>
        <source>validation accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="180"/>
        <source>This run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="181"/>
        <source>Compare runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="183"/>
        <source>Learning curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="185"/>
        <source>Cross-validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="187"/>
        <source>Calibration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="194"/>
        <source>Save &amp;report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="195"/>
        <source>Write this run&apos;s report into its folder: one HTML file and a PDF, pictures included, to share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="237"/>
        <source>&lt;b&gt;Exported to&lt;/b&gt; {0}&lt;br&gt;Each file loaded again and compared with the model here:&lt;ul&gt;{1}&lt;/ul&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="255"/>
        <location filename="../../tlstudio/gui/results_panel.py" line="382"/>
        <source>Computing Grad-CAM heatmaps of the mistakes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="267"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="295"/>
        <source>This run was stopped before the end: it has no test results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="301"/>
        <source>Test accuracy {0} (95% interval {1} to {2}) on {3} images never seen in training; balanced accuracy {4}. {5}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="320"/>
        <source>{0} images of {1} were called {2} ({3} of the row)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="363"/>
        <source>&lt;b&gt;Mistakes&lt;/b&gt;: {0} of {1} test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="367"/>
        <source>&lt;b&gt;True {0}, called {1}&lt;/b&gt;: {2} images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="379"/>
        <source>These {0} images were recognised correctly; the gallery shows mistakes only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="384"/>
        <source>No mistakes on the test images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="386"/>
        <source>Showing the first {0} mistakes with the part of the picture the model looked at (Grad-CAM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="389"/>
        <source>Red areas: the part of the picture that made the model choose its answer (Grad-CAM). Select an image for details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="410"/>
        <source>No heatmap for this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="413"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;True class: &lt;b&gt;{1}&lt;/b&gt;&lt;br&gt;Model said: &lt;b&gt;{2}&lt;/b&gt;&lt;table&gt;{3}&lt;/table&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="428"/>
        <source>Report saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResumeBanner</name>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="32"/>
        <source>&amp;Resume from the last checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="34"/>
        <source>&amp;Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="35"/>
        <source>Hide this; tlstudio asks again at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="36"/>
        <source>&amp;Don&apos;t resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="37"/>
        <source>List the run as stopped. Its checkpoint is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="67"/>
        <source>The run &lt;b&gt;{0}&lt;/b&gt; ({1}, {2}) was interrupted after {3} of {4} epochs, at {5}: tlstudio or the computer stopped in the middle of training. It can continue from its last checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="71"/>
        <source>({0} more interrupted runs after this one.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="85"/>
        <source>A run is going: resume the interrupted one when it has ended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Studio</name>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="70"/>
        <source>Loading TensorFlow…</source>
        <extracomment>The setup a first launch opens the bundled digits with: offline backbone, frozen, 96 px. list[core.runs.InterruptedRun]: runs that ended mid-training and can be resumed core.report.ReportResult: a run report was written (HTML, PDF, the split&apos;s files) core.export.ExportResult: a model export finished, every file checked</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="77"/>
        <source>Preparing the handwritten digits demo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="81"/>
        <source>Downloading the flower photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="86"/>
        <source>Download cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="99"/>
        <source>Checking the images in {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="110"/>
        <source>Looking for the same picture in two splits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="207"/>
        <source>Cannot start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="210"/>
        <source>Comparing scratch, transfer and fine-tune…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="211"/>
        <source>Training started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="222"/>
        <source>Tick at least one recipe for the learning curve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="224"/>
        <source>Cannot draw the learning curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="226"/>
        <source>Drawing the learning curve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="237"/>
        <source>Tick at least one recipe to cross-validate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="242"/>
        <source>Cannot cross-validate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="244"/>
        <source>Cross-validating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="261"/>
        <source>Resuming the interrupted run from its last checkpoint…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="276"/>
        <source>Stopping after this batch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="281"/>
        <source>Choose an image folder first (Dataset tab).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="283"/>
        <source>The images are still being checked; start again when the check is done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="290"/>
        <source>Learning curve finished: {0} models trained.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="292"/>
        <source>Learning curve finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="296"/>
        <source>Cross-validation finished: {0} models trained.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="298"/>
        <source>Cross-validation finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="303"/>
        <source>Finished: test accuracy {0:.1%}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="304"/>
        <source>Finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="310"/>
        <source>Learning curve stopped: the models trained so far are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="311"/>
        <source>Learning curve stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="315"/>
        <source>Cross-validation stopped: the folds finished so far are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="316"/>
        <source>Cross-validation stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="319"/>
        <source>Stopped before the end (cancelled).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="320"/>
        <source>Run cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="325"/>
        <source>Training stopped with an error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="326"/>
        <source>Training stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="368"/>
        <source>Could not save the threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="371"/>
        <source>Threshold {0:.2f} saved with the model in {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="380"/>
        <source>Exporting the model of {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="393"/>
        <source>Writing the report of {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="407"/>
        <source>Train a model first, or open a saved model (model.keras) to predict with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="408"/>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="410"/>
        <source>Predicting {0} item(s)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="435"/>
        <source>Ready ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="456"/>
        <source>The flower photos are in {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="466"/>
        <source>{0} usable images in {1} classes; {2} skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="471"/>
        <location filename="../../tlstudio/gui/controller.py" line="516"/>
        <source>Cannot split the images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="481"/>
        <source>Duplicate check done: {0} pair(s) found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="492"/>
        <source>{0} image(s) predicted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="500"/>
        <source>Export stopped: nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="502"/>
        <source>Model exported to {0}; every file checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="506"/>
        <source>Report saved to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="510"/>
        <source>Predictions saved to {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="515"/>
        <source>This folder cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="517"/>
        <source>Download failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="518"/>
        <source>TensorFlow could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="519"/>
        <source>Prediction failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="520"/>
        <source>Could not write the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="521"/>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="533"/>
        <source>Exporting ({0}/{1}): {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="272"/>
        <location filename="../../tlstudio/gui/controller.py" line="524"/>
        <source>Something did not work</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudyView</name>
    <message>
        <location filename="../../tlstudio/gui/study_view.py" line="59"/>
        <source>Recipes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_view.py" line="62"/>
        <source>Sto&amp;p</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="64"/>
        <source>epoch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="68"/>
        <source>training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="72"/>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="76"/>
        <source>fine-tuning starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="91"/>
        <source>same as above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="106"/>
        <source>Give rare classes more &amp;weight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="111"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="113"/>
        <source>&amp;Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="114"/>
        <source>Fine-tune e&amp;pochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="115"/>
        <source>&amp;Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="116"/>
        <source>&amp;Learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="117"/>
        <source>Fine-tune rate &amp;factor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="118"/>
        <source>Pa&amp;tience:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="119"/>
        <source>Augmented &amp;views:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="120"/>
        <source>See&amp;d:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="122"/>
        <source>Training stops early when validation accuracy has not improved for &apos;patience&apos; epochs, and keeps the best epoch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="126"/>
        <source>&amp;Start training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="128"/>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="130"/>
        <source>&amp;Compare all three</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="131"/>
        <source>Train from scratch, transfer and fine-tune on the same split, one after the other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="137"/>
        <source>Device: loading TensorFlow…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="138"/>
        <location filename="../../tlstudio/gui/training_panel.py" line="303"/>
        <source>Not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="143"/>
        <location filename="../../tlstudio/gui/training_panel.py" line="269"/>
        <source>batch %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="151"/>
        <source>Training messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="159"/>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="159"/>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="160"/>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="160"/>
        <source>accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="246"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="251"/>
        <source>Device: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="261"/>
        <source>Now: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="265"/>
        <source>epoch {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="267"/>
        <source>image %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="267"/>
        <source>model %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="268"/>
        <source>fold %v of %m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="273"/>
        <source>about {0} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="276"/>
        <source>{0} epoch {1}: loss {2:.3f}, accuracy {3:.1%}, validation accuracy {4:.1%}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>modes</name>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="89"/>
        <source>From scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="90"/>
        <source>Transfer (frozen backbone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="91"/>
        <source>Fine-tuned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>phases</name>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="98"/>
        <source>checking the images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="99"/>
        <source>computing backbone features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="100"/>
        <source>training the head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="101"/>
        <source>fine-tuning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="102"/>
        <source>training from scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="103"/>
        <source>testing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="104"/>
        <source>saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="105"/>
        <source>learning curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="106"/>
        <source>cross-validation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
