<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>AugmentPanel</name>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="57"/>
        <source>&amp;Rotation</source>
        <translation>&amp;Rotação</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="58"/>
        <source>Zoom &amp;in</source>
        <translation>&amp;Aproximar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="59"/>
        <source>Zoom &amp;out</source>
        <translation>A&amp;fastar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="60"/>
        <source>&amp;Shift</source>
        <translation>&amp;Deslocar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="61"/>
        <source>&amp;Brightness</source>
        <translation>&amp;Brilho</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="62"/>
        <source>&amp;Contrast</source>
        <translation>&amp;Contraste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="63"/>
        <source>B&amp;lur</source>
        <translation>Des&amp;foque</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="64"/>
        <source>Cut&amp;out</source>
        <translation>Re&amp;corte</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="65"/>
        <source>Ran&amp;dom crop</source>
        <translation>Corte &amp;aleatório</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="66"/>
        <source>&amp;Mixup</source>
        <translation>&amp;Mixup</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="77"/>
        <source>Natural photos</source>
        <extracomment>Which operation&apos;s probability sits on a slider&apos;s row (zoom out shares zoom in&apos;s; mixup has none).</extracomment>
        <translation>Fotos comuns</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="78"/>
        <source>Chest X-rays</source>
        <translation>Raios X de tórax</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="79"/>
        <source>Dermoscopy (skin lesions)</source>
        <translation>Dermatoscopia (lesões de pele)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="80"/>
        <source>Microscopy (slides, cells)</source>
        <translation>Microscopia (lâminas, células)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="81"/>
        <source>No augmentation</source>
        <translation>Sem aumento de dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="91"/>
        <source>Flip left–&amp;right</source>
        <translation>Espelhar esquerda–&amp;direita</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="92"/>
        <source>Flip &amp;upside down</source>
        <translation>&amp;Virar de cabeça para baixo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="98"/>
        <source>Random changes to training images</source>
        <translation>Alterações aleatórias nas imagens de treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="101"/>
        <source>Choose for your images…</source>
        <translation>Escolha conforme suas imagens…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="104"/>
        <source>&amp;Preset</source>
        <translation>&amp;Predefinição</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="110"/>
        <source>Each change has a strength and a probability: the share of training images that get it (1 = every image).</source>
        <translation>Cada alteração tem uma intensidade e uma probabilidade: a proporção de imagens de treino que a recebem (1 = todas as imagens).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="134"/>
        <source>0 switches a change off. Validation and test images are never changed. Zoom in and out share one probability. Mixup blends pairs of training images and their labels (with a frozen backbone, their features).</source>
        <translation>0 desliga uma alteração. As imagens de validação e de teste nunca são alteradas. Aproximar e afastar compartilham uma probabilidade. O mixup mistura pares de imagens de treino e seus rótulos (com a rede base congelada, suas características).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="283"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff *.avif *.jp2 *.ico *.dcm)</source>
        <translation>Imagens (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff *.avif *.jp2 *.ico *.dcm)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="142"/>
        <source>Switch all &amp;off</source>
        <translation>Desligar &amp;todas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="144"/>
        <source>&amp;Export augmented copies…</source>
        <translation>&amp;Exportar cópias aumentadas…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="145"/>
        <source>Write augmented copies of every image into the workspace (never into the image folder), with a manifest of what was done.</source>
        <translation>Grava cópias aumentadas de cada imagem na pasta de trabalho (nunca na pasta de imagens), com um registro do que foi feito.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="149"/>
        <source>Stop export</source>
        <translation>Parar a exportação</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="163"/>
        <source>The first image of the dataset</source>
        <translation>A primeira imagem do conjunto de dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="165"/>
        <source>Choose &amp;picture…</source>
        <translation>Escolher &amp;imagem…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="169"/>
        <source> variants</source>
        <translation> variações</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="170"/>
        <source>&amp;New random variants</source>
        <translation>&amp;Novas variações aleatórias</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="171"/>
        <source>The preview appears once TensorFlow has loaded and a folder is open.</source>
        <translation>A prévia aparece quando o TensorFlow terminar de carregar e houver uma pasta aberta.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="184"/>
        <source>Preview</source>
        <translation>Prévia</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="240"/>
        <source>p </source>
        <translation>p </translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="241"/>
        <source>Probability of {0}</source>
        <translation>Probabilidade de {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="242"/>
        <source>Share of training images that get this change (0 never, 1 every image)</source>
        <translation>Proporção de imagens de treino que recebem esta alteração (0 nenhuma, 1 todas)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="274"/>
        <source>Export augmented copies</source>
        <translation>Exportar cópias aumentadas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="275"/>
        <source>Augmented copies of each image (written into the workspace, never into the image folder):</source>
        <translation>Cópias aumentadas de cada imagem (gravadas na pasta de trabalho, nunca na pasta de imagens):</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="278"/>
        <source>Open an image folder and switch on a change first.</source>
        <translation>Abra uma pasta de imagens e ligue uma alteração primeiro.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="282"/>
        <source>Choose a picture</source>
        <translation>Escolha uma imagem</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="292"/>
        <source>off</source>
        <translation>desligado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="322"/>
        <source>Making variants…</source>
        <translation>Gerando variações…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="331"/>
        <location filename="../../tlstudio/gui/augment_panel.py" line="332"/>
        <source>Writing augmented copies…</source>
        <translation>Gravando as cópias aumentadas…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="333"/>
        <source>Stopped: no copies were kept.</source>
        <translation>Interrompido: nenhuma cópia foi mantida.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="343"/>
        <source>{0} copies of {1} images written to {2}</source>
        <translation>{0} cópias de {1} imagens gravadas em {2}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="359"/>
        <source>Picture: {0}</source>
        <translation>Imagem: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_panel.py" line="368"/>
        <source>{0} random variants, as training would see them.</source>
        <translation>{0} variações aleatórias, como o treino as veria.</translation>
    </message>
</context>
<context>
    <name>AugmentStudio</name>
    <message>
        <location filename="../../tlstudio/gui/augment_controller.py" line="35"/>
        <source>Could not write the augmented copies</source>
        <translation>Não foi possível gravar as cópias aumentadas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_controller.py" line="59"/>
        <source>Writing {0} augmented copies of each image…</source>
        <translation>Gravando {0} cópias aumentadas de cada imagem…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_controller.py" line="67"/>
        <source>Export of augmented copies stopped: nothing was kept.</source>
        <translation>Exportação de cópias aumentadas interrompida: nada foi mantido.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_controller.py" line="100"/>
        <source>Augmented copies: {0} of {1} images done</source>
        <translation>Cópias aumentadas: {0} de {1} imagens prontas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/augment_controller.py" line="105"/>
        <source>{0} augmented copies written to {1}.</source>
        <translation>{0} cópias aumentadas gravadas em {1}.</translation>
    </message>
</context>
<context>
    <name>CalibrationView</name>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="59"/>
        <location filename="../../tlstudio/gui/calibration_view.py" line="159"/>
        <source>No calibration yet: train a model on the Training tab.</source>
        <extracomment>Mean confidence and accuracy closer than this read as &quot;about right&quot;.</extracomment>
        <translation>Ainda não há calibração: treine um modelo na aba Treino.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="67"/>
        <source>Reliability diagram (test images)</source>
        <translation>Diagrama de confiabilidade (imagens de teste)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="67"/>
        <source>confidence (top probability)</source>
        <translation>confiança (maior probabilidade)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="68"/>
        <source>accuracy</source>
        <translation>acurácia</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="72"/>
        <source>perfect calibration</source>
        <translation>calibração perfeita</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="75"/>
        <source>before scaling</source>
        <translation>antes do ajuste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="77"/>
        <source>after scaling</source>
        <translation>depois do ajuste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="79"/>
        <source>Answering less to be right more (test images)</source>
        <translation>Responder menos para acertar mais (imagens de teste)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="80"/>
        <source>confidence threshold</source>
        <translation>limiar de confiança</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="80"/>
        <source>share</source>
        <translation>proporção</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="84"/>
        <source>coverage (images answered)</source>
        <translation>cobertura (imagens respondidas)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="86"/>
        <source>accuracy of the answers</source>
        <translation>acurácia das respostas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="94"/>
        <location filename="../../tlstudio/gui/calibration_view.py" line="97"/>
        <source>Confidence threshold</source>
        <translation>Limiar de confiança</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="101"/>
        <source>&amp;Save threshold with the model</source>
        <translation>&amp;Salvar o limiar com o modelo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="104"/>
        <source>&amp;Threshold:</source>
        <translation>&amp;Limiar:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="117"/>
        <source>When the model says 90%, is it right 90% of the time? Points on the diagonal mean yes; below it, the model is over-confident. Temperature scaling, fitted on the validation images, corrects that. Below the confidence threshold the model answers “uncertain” instead of a class, so a person looks at those images: a higher threshold answers fewer images and gets more of them right.</source>
        <translation>Quando o modelo diz 90%, ele acerta 90% das vezes? Pontos sobre a diagonal indicam que sim; abaixo dela, o modelo está confiante demais. O ajuste de temperatura, calculado nas imagens de validação, corrige isso. Abaixo do limiar de confiança o modelo responde “incerto” em vez de uma classe, para que uma pessoa examine essas imagens: um limiar mais alto responde menos imagens e acerta mais delas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="160"/>
        <source>This run has no calibration: it was stopped before the end, or trained before tlstudio measured calibration.</source>
        <translation>Esta execução não tem calibração: foi interrompida antes do fim ou treinada antes de o tlstudio medir a calibração.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="170"/>
        <source>&lt;b&gt;Temperature {0}&lt;/b&gt; · expected calibration error (ECE) &lt;b&gt;{1}&lt;/b&gt; before scaling → &lt;b&gt;{2}&lt;/b&gt; after, on {3} test images (temperature fitted on {4} validation images).</source>
        <translation>&lt;b&gt;Temperatura {0}&lt;/b&gt; · erro de calibração esperado (ECE) &lt;b&gt;{1}&lt;/b&gt; antes do ajuste → &lt;b&gt;{2}&lt;/b&gt; depois, em {3} imagens de teste (temperatura calculada em {4} imagens de validação).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="184"/>
        <source>Saved with the model: threshold {0}. Predict answers “uncertain” below it.</source>
        <translation>Salvo com o modelo: limiar {0}. Abaixo dele, a previsão responde “incerto”.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="200"/>
        <source>At {0} the model answers none of the {1} test images: every one is “uncertain”.</source>
        <translation>Com {0} o modelo não responde nenhuma das {1} imagens de teste: todas ficam “incerto”.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="203"/>
        <source>At {0} the model answers {1} of the images, {2} of them right; it says “uncertain” for {3} of the {4} test images.</source>
        <translation>Com {0} o modelo responde {1} das imagens e acerta {2} delas; diz “incerto” para {3} das {4} imagens de teste.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Temperature {0:.2f}&lt;/b&gt; · expected calibration error (ECE) &lt;b&gt;{1}&lt;/b&gt; before scaling → &lt;b&gt;{2}&lt;/b&gt; after, on {3} test images (temperature fitted on {4} validation images).</source>
        <translation type="vanished">&lt;b&gt;Temperatura {0:.2f}&lt;/b&gt; · erro de calibração esperado (ECE) &lt;b&gt;{1}&lt;/b&gt; antes do ajuste → &lt;b&gt;{2}&lt;/b&gt; depois, em {3} imagens de teste (temperatura calculada em {4} imagens de validação).</translation>
    </message>
    <message>
        <source>Saved with the model: threshold {0:.2f}. Predict answers “uncertain” below it.</source>
        <translation type="vanished">Salvo com o modelo: limiar {0:.2f}. Abaixo dele, a previsão responde “incerto”.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="186"/>
        <source>No threshold saved: the model answers every image.</source>
        <translation>Nenhum limiar salvo: o modelo responde todas as imagens.</translation>
    </message>
    <message>
        <source>At {0:.2f} the model answers none of the {1} test images: every one is “uncertain”.</source>
        <translation type="vanished">Com {0:.2f} o modelo não responde nenhuma das {1} imagens de teste: todas ficam “incerto”.</translation>
    </message>
    <message>
        <source>At {0:.2f} the model answers {1} of the images, {2} of them right; it says “uncertain” for {3} of the {4} test images.</source>
        <translation type="vanished">Com {0:.2f} o modelo responde {1} das imagens e acerta {2} delas; diz “incerto” para {3} das {4} imagens de teste.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="212"/>
        <source>Before scaling the model was over-confident: it said {0} on average where it was right {1} of the time.</source>
        <translation>Antes do ajuste o modelo estava confiante demais: dizia {0} em média, mas acertava {1} das vezes.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="215"/>
        <source>Before scaling the model was under-confident: it said {0} on average where it was right {1} of the time.</source>
        <translation>Antes do ajuste o modelo estava pouco confiante: dizia {0} em média, mas acertava {1} das vezes.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="218"/>
        <source>Before scaling the model&apos;s confidence was about right on average ({0} said, {1} right).</source>
        <translation>Antes do ajuste a confiança do modelo estava, em média, quase correta ({0} declarada, {1} de acertos).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="221"/>
        <source>Temperature scaling found nothing to correct.</source>
        <translation>O ajuste de temperatura não encontrou nada a corrigir.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="223"/>
        <source>After scaling it says {0} on average.</source>
        <translation>Depois do ajuste, diz {0} em média.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/calibration_view.py" line="225"/>
        <source>Scaling did not help on the test images: the validation images may be too few, or unlike the test images.</source>
        <translation>O ajuste não ajudou nas imagens de teste: as imagens de validação podem ser poucas demais ou diferentes das de teste.</translation>
    </message>
</context>
<context>
    <name>CatalogStudio</name>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="47"/>
        <source>Could not read the saved runs</source>
        <translation>Não foi possível ler as execuções salvas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="48"/>
        <source>Could not delete the run</source>
        <translation>Não foi possível excluir a execução</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="139"/>
        <source>Could not rename the run</source>
        <translation>Não foi possível renomear a execução</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="149"/>
        <source>Could not save the note</source>
        <translation>Não foi possível salvar a nota</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="156"/>
        <source>Deleting the run {0}…</source>
        <translation>Excluindo a execução {0}…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="165"/>
        <source>Moved {0} to the trash.</source>
        <translation>{0} foi movida para a lixeira.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="166"/>
        <source>Deleted {0}.</source>
        <translation>{0} foi excluída.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="175"/>
        <source>A model is training.</source>
        <translation>Um modelo está treinando.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="176"/>
        <source>Change the workspace when it has finished.</source>
        <translation>Troque a pasta de trabalho quando ele terminar.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="177"/>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="187"/>
        <source>Could not change the workspace</source>
        <translation>Não foi possível trocar a pasta de trabalho</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="182"/>
        <source>The workspace cannot be inside the image folder {0}: tlstudio never writes into the dataset.</source>
        <translation>A pasta de trabalho não pode ficar dentro da pasta de imagens {0}: o tlstudio nunca escreve no conjunto de dados.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="184"/>
        <source>Choose a folder outside it.</source>
        <translation>Escolha uma pasta fora dela.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/catalog_controller.py" line="195"/>
        <source>Workspace: {0}</source>
        <translation>Pasta de trabalho: {0}</translation>
    </message>
</context>
<context>
    <name>ClassStrip</name>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="63"/>
        <source>Images of {0}</source>
        <translation>Imagens de {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="74"/>
        <source>A classifier trained on the real images labels it: {0}</source>
        <translation>Um classificador treinado com as imagens reais a classifica como: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="112"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; — {1} of {2} kept</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; — {1} de {2} mantidas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="115"/>
        <source>{0:.0%} look like {1}</source>
        <translation>{0:.0%} parecem {1}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="117"/>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;only {0:.0%} look like {1} (below {2:.0%})&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;só {0:.0%} parecem {1} (abaixo de {2:.0%})&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="121"/>
        <source>From scratch</source>
        <translation>Do zero</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="122"/>
        <source>Transfer</source>
        <translation>Transferência</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="123"/>
        <source>Fine-tuned</source>
        <translation>Ajuste fino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="147"/>
        <source>Show the runs of &amp;every dataset</source>
        <translation>Mostrar as execuções de &amp;todos os conjuntos de dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="148"/>
        <source>Off: only the runs of the image folder open now</source>
        <translation>Desligado: só as execuções da pasta de imagens aberta agora</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="150"/>
        <source>&amp;Note…</source>
        <translation>&amp;Nota…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="151"/>
        <source>Keep a note with the selected run (what you tried, why)</source>
        <translation>Guardar uma nota com a execução selecionada (o que você tentou, por quê)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="152"/>
        <source>&amp;Delete run…</source>
        <translation>&amp;Excluir execução…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="153"/>
        <source>Move the selected run&apos;s folder to the trash, or delete it for good; the image folder is never touched</source>
        <translation>Mover a pasta da execução selecionada para a lixeira, ou excluí-la de vez; a pasta de imagens nunca é tocada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="172"/>
        <source>Runs compared</source>
        <translation>Execuções comparadas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="173"/>
        <source>Double-click a name to rename the run</source>
        <translation>Clique duas vezes num nome para renomear a execução</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="177"/>
        <source>Validation accuracy of each run</source>
        <translation>Acurácia de validação de cada execução</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="178"/>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="179"/>
        <source>validation accuracy</source>
        <translation>acurácia de validação</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="221"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="221"/>
        <source>A note kept with the run {0}:</source>
        <translation>Uma nota guardada com a execução {0}:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="232"/>
        <source>Delete the run?</source>
        <translation>Excluir a execução?</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="233"/>
        <source>Delete the run “{0}” ({1})? Its folder, with its model and results, goes to the trash, from where it can be restored. The image folder is not touched.</source>
        <translation>Excluir a execução “{0}” ({1})? A pasta dela, com o modelo e os resultados, vai para a lixeira, de onde pode ser restaurada. A pasta de imagens não é tocada.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="236"/>
        <source>Move to &amp;trash</source>
        <translation>Mover para a &amp;lixeira</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="237"/>
        <source>Delete &amp;permanently</source>
        <translation>Excluir &amp;de vez</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="252"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="252"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="252"/>
        <source>Dataset</source>
        <translation>Dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="252"/>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="252"/>
        <source>Backbone</source>
        <translation>Rede base</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="253"/>
        <source>Image size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="253"/>
        <source>Test accuracy (95% interval)</source>
        <translation>Acurácia de teste (intervalo de 95%)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="254"/>
        <source>Balanced accuracy</source>
        <translation>Acurácia balanceada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="254"/>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="254"/>
        <source>Time</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="264"/>
        <source>{0} px</source>
        <translation>{0} px</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="270"/>
        <source>too few test images to measure</source>
        <translation>poucas imagens de teste para medir</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="299"/>
        <source>Every dataset&apos;s runs</source>
        <translation>As execuções de todos os conjuntos de dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="300"/>
        <source>The runs of {0}</source>
        <translation>As execuções de {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="300"/>
        <source>the open image folder</source>
        <translation>a pasta de imagens aberta</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="325"/>
        <source>{0}
epoch {1}: {2} on validation</source>
        <translation>{0}
época {1}: {2} na validação</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="334"/>
        <source>Train at least two runs on this dataset to compare them.</source>
        <translation>Treine pelo menos duas execuções neste conjunto de dados para compará-las.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="336"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; did best: {1} of the test images right, against {2} for {3}.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; foi a melhor: acertou {1} das imagens de teste, contra {2} de {3}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="340"/>
        <source>On the same {0} test images, {1} got {2} right that {3} got wrong, and {4} the other way round:</source>
        <translation>Nas mesmas {0} imagens de teste, {1} acertou {2} que {3} errou, e {4} ao contrário:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="343"/>
        <source>a difference larger than chance (McNemar&apos;s test, p = {0}).</source>
        <translation>uma diferença maior do que o acaso explicaria (teste de McNemar, p = {0}).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="345"/>
        <source>a difference that chance alone could give (McNemar&apos;s test, p = {0}); more test images would tell them apart.</source>
        <translation>uma diferença que o acaso sozinho poderia dar (teste de McNemar, p = {0}); mais imagens de teste as distinguiriam.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="347"/>
        <source>They were tested on different images, so they cannot be compared image by image;</source>
        <translation>Elas foram testadas em imagens diferentes, então não podem ser comparadas imagem por imagem;</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="349"/>
        <source>their 95% intervals overlap, so the difference may be chance.</source>
        <translation>os intervalos de 95% se sobrepõem, então a diferença pode ser acaso.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="350"/>
        <source>their 95% intervals do not overlap, so the difference is larger than chance.</source>
        <translation>os intervalos de 95% não se sobrepõem, então a diferença é maior do que o acaso explicaria.</translation>
    </message>
</context>
<context>
    <name>CrossValView</name>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="48"/>
        <source>Folds</source>
        <translation>Partes</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="52"/>
        <source>Repeats</source>
        <translation>Repetições</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="43"/>
        <source>&amp;Cross-validate</source>
        <translation>Fazer a &amp;validação cruzada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="43"/>
        <source>fold %v of %m</source>
        <translation>parte %v de %m</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="53"/>
        <source>&amp;Folds:</source>
        <translation>&amp;Partes:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="54"/>
        <source>R&amp;epeats:</source>
        <translation>R&amp;epetições:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="57"/>
        <source>test accuracy of the held-out fold</source>
        <translation>acurácia de teste da parte separada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="57"/>
        <location filename="../../tlstudio/gui/crossval_view.py" line="65"/>
        <source>No cross-validation yet</source>
        <translation>Ainda não há validação cruzada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="44"/>
        <source>Cross-validation figures</source>
        <translation>Números da validação cruzada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="39"/>
        <source>How much does one split&apos;s figure owe to chance? The images are divided into folds of the same class mix; each fold is held out once as the test images of a model trained on the others, and the whole is repeated with other folds. The spread between folds is how much a single split could have varied. Most useful when a class has fewer than about 30 images.</source>
        <translation>Quanto o resultado de uma única divisão deve ao acaso? As imagens são divididas em partes com a mesma mistura de classes; cada parte é separada uma vez como imagens de teste de um modelo treinado com as outras, e tudo se repete com outras partes. A dispersão entre as partes mostra quanto uma única divisão poderia ter variado. É mais útil quando alguma classe tem menos de cerca de 30 imagens.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="44"/>
        <source>fold %v of %m, about {0} left</source>
        <translation>parte %v de %m, faltam cerca de {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="81"/>
        <source>{0} folds x {1} repeats, {2} images (bar: mean)</source>
        <translation>{0} partes x {1} repetições, {2} imagens (barra: média)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="86"/>
        <source>Stopped early: {0} of {1} models trained.</source>
        <translation>Interrompido antes do fim: {0} de {1} modelos treinados.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="88"/>
        <source>Note: {0}</source>
        <translation>Observação: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="89"/>
        <source>Saved in {0}</source>
        <translation>Salvo em {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="97"/>
        <source>{0}: accuracy {1} on the one fold finished; the spread needs at least two folds.</source>
        <translation>{0}: acurácia de {1} na única parte concluída; a dispersão exige pelo menos duas partes.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="101"/>
        <source>{0}: accuracy {1} ± {2} over {3} folds: a single split could have shown anything from {4} to {5}.</source>
        <translation>{0}: acurácia de {1} ± {2} em {3} partes: uma única divisão poderia ter mostrado qualquer valor entre {4} e {5}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="111"/>
        <source>{0} against {1}: {2} points on average, better in {3} of {4} folds, worse in {5}.</source>
        <translation>{0} contra {1}: {2} pontos em média, melhor em {3} de {4} partes, pior em {5}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="134"/>
        <source>{0} ± {1}</source>
        <translation>{0} ± {1}</translation>
    </message>
    <message>
        <source>{0}: accuracy {1:.0%} on the one fold finished; the spread needs at least two folds.</source>
        <translation type="vanished">{0}: acurácia de {1:.0%} na única parte concluída; a dispersão exige pelo menos duas partes.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="100"/>
        <source>1 point</source>
        <translation>1 ponto</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="100"/>
        <source>{0} points</source>
        <translation>{0} pontos</translation>
    </message>
    <message>
        <source>{0}: accuracy {1:.0%} ± {2} over {3} folds: a single split could have shown anything from {4:.0%} to {5:.0%}.</source>
        <translation type="vanished">{0}: acurácia de {1:.0%} ± {2} em {3} partes: uma única divisão poderia ter mostrado qualquer valor entre {4:.0%} e {5:.0%}.</translation>
    </message>
    <message>
        <source>{0} against {1}: {2:+.1f} points on average, better in {3} of {4} folds, worse in {5}.</source>
        <translation type="vanished">{0} contra {1}: {2:+.1f} pontos em média, melhor em {3} de {4} partes, pior em {5}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="116"/>
        <source>Accuracy</source>
        <translation>Acurácia</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="116"/>
        <source>Balanced accuracy</source>
        <translation>Acurácia balanceada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="117"/>
        <source>Macro F1</source>
        <translation>F1 macro</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="119"/>
        <source>Recall of {0}</source>
        <translation>Revocação de {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="123"/>
        <source>Metric</source>
        <translation>Métrica</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="125"/>
        <source>{0}: mean ± sd</source>
        <translation>{0}: média ± dp</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/crossval_view.py" line="125"/>
        <source>{0}: lowest – highest</source>
        <translation>{0}: menor – maior</translation>
    </message>
    <message>
        <source>{0:.1%} ± {1:.1f}</source>
        <translation type="vanished">{0:.1%} ± {1:.1f}</translation>
    </message>
</context>
<context>
    <name>CurveView</name>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="64"/>
        <location filename="../../tlstudio/gui/curve_view.py" line="147"/>
        <source>Images per class</source>
        <translation>Imagens por classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="68"/>
        <source>Seeds per size</source>
        <translation>Sementes por tamanho</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="60"/>
        <source>&amp;Draw learning curve</source>
        <translation>&amp;Traçar curva de aprendizado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="60"/>
        <source>model %v of %m</source>
        <translation>modelo %v de %m</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="69"/>
        <source>&amp;Images per class:</source>
        <translation>&amp;Imagens por classe:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="70"/>
        <source>S&amp;eeds per size:</source>
        <translation>S&amp;ementes por tamanho:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="76"/>
        <source>training images per class</source>
        <translation>imagens de treino por classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="77"/>
        <source>test accuracy</source>
        <translation>acurácia de teste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="81"/>
        <location filename="../../tlstudio/gui/curve_view.py" line="98"/>
        <source>No learning curve yet</source>
        <translation>Ainda não há curva de aprendizado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="61"/>
        <source>Learning curve figures</source>
        <translation>Números da curva de aprendizado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="56"/>
        <source>Would more images help? The recipe set on the Model and Training tabs is trained on 5, 10, 25… images per class, up to all of them, several times each, and tested on the same test images. A curve still rising at the right means more images will likely help; a flat one, that they will not.</source>
        <translation>Mais imagens ajudariam? A receita definida nas abas Modelo e Treino é treinada com 5, 10, 25… imagens por classe, até todas elas, várias vezes cada, e testada nas mesmas imagens de teste. Uma curva ainda subindo à direita indica que mais imagens provavelmente ajudarão; uma curva plana, que não.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="61"/>
        <source>model %v of %m, about {0} left</source>
        <translation>modelo %v de %m, faltam cerca de {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="119"/>
        <source>Test accuracy on {0} test images (band: worst to best of {1} seeds)</source>
        <translation>Acurácia de teste em {0} imagens de teste (faixa: da pior à melhor de {1} sementes)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="120"/>
        <source>Test accuracy on {0} test images</source>
        <translation>Acurácia de teste em {0} imagens de teste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="122"/>
        <source> (stopped early: the models trained so far)</source>
        <translation> (interrompido antes do fim: os modelos treinados até agora)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="124"/>
        <source>Saved in {0}</source>
        <translation>Salvo em {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="131"/>
        <source>{0}: one size only, so there is no curve to read yet.</source>
        <translation>{0}: só um tamanho, então ainda não há curva para ler.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="134"/>
        <source>{0}: still rising ({1} points from {2} to {3} images per class). More images will likely help.</source>
        <translation>{0}: ainda subindo ({1} pontos de {2} a {3} imagens por classe). Mais imagens provavelmente ajudarão.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="137"/>
        <source>{0}: lower with more images ({1} points from {2} to {3} images per class). Look for mislabelled or unusual images.</source>
        <translation>{0}: piora com mais imagens ({1} pontos de {2} a {3} imagens por classe). Procure imagens com rótulo errado ou incomuns.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="140"/>
        <source>{0}: flat ({1} points from {2} to {3} images per class, within the spread between seeds). More images of the same kind are unlikely to help much.</source>
        <translation>{0}: plana ({1} pontos de {2} a {3} imagens por classe, dentro da dispersão entre sementes). Mais imagens do mesmo tipo dificilmente ajudarão muito.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="142"/>
        <source>{0}: flat ({1} points from {2} to {3} images per class, within one point). More images of the same kind are unlikely to help much.</source>
        <translation>{0}: plana ({1} pontos de {2} a {3} imagens por classe, dentro de um ponto). Mais imagens do mesmo tipo dificilmente ajudarão muito.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/curve_view.py" line="151"/>
        <source>{0} (all)</source>
        <translation>{0} (todas)</translation>
    </message>
</context>
<context>
    <name>DatasetPanel</name>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="83"/>
        <source>A folder with one subfolder of images per class</source>
        <translation>Uma pasta com uma subpasta de imagens por classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="84"/>
        <source>Image folder</source>
        <translation>Pasta de imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="85"/>
        <source>&amp;Choose folder…</source>
        <translation>&amp;Escolher pasta…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="86"/>
        <source>Open the &amp;digits demo</source>
        <translation>Abrir a demonstração de &amp;dígitos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="87"/>
        <source>Download &amp;flower photos</source>
        <translation>Baixar &amp;fotos de flores</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="88"/>
        <source>tf_flowers: 3,670 photos of 5 kinds of flowers (about 220 MB)</source>
        <translation>tf_flowers: 3.670 fotos de 5 tipos de flores (cerca de 220 MB)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="89"/>
        <source>Cancel download</source>
        <translation>Cancelar download</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="91"/>
        <source>%p% downloaded</source>
        <translation>%p% baixado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="96"/>
        <source>Image folder:</source>
        <translation>Pasta de imagens:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="100"/>
        <source>Drop a folder here, or start with a ready-made dataset:</source>
        <translation>Solte uma pasta aqui ou comece com um conjunto de dados pronto:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="109"/>
        <source>No folder chosen yet.</source>
        <translation>Nenhuma pasta escolhida ainda.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="114"/>
        <source>Picture</source>
        <translation>Imagem</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="114"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="114"/>
        <source>Images</source>
        <translation>Imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="115"/>
        <source>Training</source>
        <translation>Treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="115"/>
        <source>Validation</source>
        <translation>Validação</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="115"/>
        <source>Test</source>
        <translation>Teste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="123"/>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="393"/>
        <source>Skipped files</source>
        <translation>Arquivos ignorados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="125"/>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="125"/>
        <source>Why it was skipped</source>
        <translation>Por que foi ignorado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="145"/>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="146"/>
        <source> per class</source>
        <translation> por classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="147"/>
        <source>Training images per class</source>
        <translation>Imagens de treino por classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="148"/>
        <source>Train on at most this many images per class, chosen at random after the split; validation and test stay the same, the other images are not used. 0 uses them all.</source>
        <translation>Treina com no máximo esta quantidade de imagens por classe, escolhidas ao acaso depois da divisão; validação e teste continuam iguais, e as outras imagens não são usadas. 0 usa todas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="153"/>
        <source>Nothing (each image on its own)</source>
        <translation>Nada (cada imagem sozinha)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="154"/>
        <source>A CSV file (columns file and group)</source>
        <translation>Um arquivo CSV (colunas file e group)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="155"/>
        <source>A pattern in the file names</source>
        <translation>Um padrão nos nomes dos arquivos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="156"/>
        <source>Keep all images of one patient or lesion in the same split, so the test measures the model on patients it has never seen.</source>
        <translation>Mantém todas as imagens de um paciente ou lesão na mesma parte da divisão, para que o teste meça o modelo em pacientes que ele nunca viu.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="159"/>
        <source>A CSV file with the columns file and group</source>
        <translation>Um arquivo CSV com as colunas file e group</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="160"/>
        <source>CSV file of groups</source>
        <translation>Arquivo CSV de grupos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="161"/>
        <source>C&amp;hoose…</source>
        <translation>Esc&amp;olher…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="168"/>
        <source>e.g. ^(patient\d+)_ for patient12_left.jpg</source>
        <translation>p. ex. ^(paciente\d+)_ para paciente12_esq.jpg</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="169"/>
        <source>File-name pattern of groups</source>
        <translation>Padrão de nome de arquivo dos grupos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="170"/>
        <source>A regular expression searched in each file name; the part in parentheses is the patient or lesion.</source>
        <translation>Uma expressão regular procurada em cada nome de arquivo; a parte entre parênteses é o paciente ou a lesão.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="172"/>
        <source>Keep each &amp;patient&apos;s DICOM images in one split, by the tag</source>
        <translation>Manter as imagens DICOM de cada &amp;paciente na mesma divisão, pela etiqueta</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="176"/>
        <source>DICOM tag of groups</source>
        <translation>Etiqueta DICOM dos grupos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="177"/>
        <source>The DICOM tag that names the patient (PatientID; files without one are grouped by their StudyInstanceUID), or another tag&apos;s keyword. Its values never appear in what tlstudio writes: the groups are called patient 1, patient 2, ...</source>
        <translation>A etiqueta DICOM que identifica o paciente (PatientID; arquivos sem ela são agrupados pelo StudyInstanceUID), ou a palavra-chave de outra etiqueta. Seus valores nunca aparecem no que o tlstudio escreve: os grupos se chamam patient 1, patient 2, ...</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="188"/>
        <source>Keep every copy (the run warns)</source>
        <translation>Manter todas as cópias (a execução avisa)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="189"/>
        <source>Leave every copy out</source>
        <translation>Deixar todas as cópias de fora</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="190"/>
        <source>Keep one copy</source>
        <translation>Manter uma cópia</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="191"/>
        <source>Label conflicts</source>
        <translation>Conflitos de rótulo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="192"/>
        <source>The same picture filed under two classes teaches the model two answers. Leave such pictures out of the runs, or keep the copy whose file name comes first (with its class); the folder is never changed, and each run records what it left out.</source>
        <translation>A mesma imagem arquivada em duas classes ensina ao modelo duas respostas. Deixe essas imagens fora das execuções, ou mantenha a cópia cujo nome de arquivo vem primeiro (com a classe dela); a pasta nunca é alterada, e cada execução registra o que deixou de fora.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="196"/>
        <source>Split</source>
        <translation>Divisão</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="198"/>
        <source>&amp;Validation:</source>
        <translation>&amp;Validação:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="199"/>
        <source>&amp;Test:</source>
        <translation>&amp;Teste:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="200"/>
        <source>&amp;Seed:</source>
        <translation>&amp;Semente:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="201"/>
        <source>Training &amp;images:</source>
        <translation>&amp;Imagens de treino:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="202"/>
        <source>&amp;Group images by:</source>
        <translation>&amp;Agrupar imagens por:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="203"/>
        <source>CSV &amp;file:</source>
        <translation>A&amp;rquivo CSV:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="204"/>
        <source>&amp;Pattern:</source>
        <translation>&amp;Padrão:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="205"/>
        <source>DICOM files:</source>
        <translation>Arquivos DICOM:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="206"/>
        <source>Label &amp;conflicts:</source>
        <translation>&amp;Conflitos de rótulo:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="208"/>
        <source>Validation images decide when training stops; test images are kept aside to measure the finished model. A folder with its own test/ folder keeps it. Grouping keeps all images of a patient or lesion in one split.</source>
        <translation>As imagens de validação decidem quando o treino para; as de teste ficam separadas para medir o modelo pronto. Uma pasta que já tem sua própria pasta test/ a mantém. O agrupamento mantém todas as imagens de um paciente ou lesão na mesma parte.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="220"/>
        <source>Check for &amp;duplicates again</source>
        <translation>Procurar &amp;duplicatas de novo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="221"/>
        <source>Warnings</source>
        <translation>Avisos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="268"/>
        <source>Choose the image folder</source>
        <translation>Escolha a pasta de imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="279"/>
        <source>Choose the CSV file of groups</source>
        <translation>Escolha o arquivo CSV de grupos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="280"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Arquivos CSV (*.csv *.txt);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="340"/>
        <source>The pattern cannot be used, so the images are not regrouped: {0}</source>
        <translation>O padrão não pode ser usado, então as imagens não foram reagrupadas: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="344"/>
        <source>The DICOM tag cannot be used, so the images are not regrouped: {0}</source>
        <translation>A etiqueta DICOM não pode ser usada, então as imagens não foram reagrupadas: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="322"/>
        <source>These percentages leave too few training images: {0}</source>
        <translation>Essas porcentagens deixam poucas imagens de treino: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="326"/>
        <source>Choose the CSV file that gives each image&apos;s group; until then the images are not grouped.</source>
        <translation>Escolha o arquivo CSV que dá o grupo de cada imagem; até lá, as imagens não são agrupadas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="329"/>
        <source>Type the pattern that finds the patient or lesion in a file name; until then the images are not grouped.</source>
        <translation>Digite o padrão que encontra o paciente ou a lesão no nome do arquivo; até lá, as imagens não são agrupadas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="365"/>
        <source>Checking every image…</source>
        <translation>Verificando cada imagem…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="371"/>
        <source>Looking for the same picture in two splits…</source>
        <translation>Procurando a mesma imagem em duas partes da divisão…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="398"/>
        <source>{0} usable images in {1} classes ({2}); 1 file skipped.</source>
        <translation>{0} imagens utilizáveis em {1} classes ({2}); 1 arquivo ignorado.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="399"/>
        <source>{0} usable images in {1} classes ({2}); {3} files skipped.</source>
        <translation>{0} imagens utilizáveis em {1} classes ({2}); {3} arquivos ignorados.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="402"/>
        <source>already split into folders</source>
        <translation>já divididas em pastas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="402"/>
        <source>one folder per class</source>
        <translation>uma pasta por classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="411"/>
        <source>Skipped files ({0})</source>
        <translation>Arquivos ignorados ({0})</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="426"/>
        <source>Not used: the folder has its own {0}/ folder, whose images are used as they are.</source>
        <translation>Não usado: a pasta tem sua própria pasta {0}/, cujas imagens são usadas como estão.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="461"/>
        <source>Grouped by patient from the DICOM files ({0} patients): {1} in training, {2} in validation, {3} in test.</source>
        <translation>Agrupadas por paciente a partir dos arquivos DICOM ({0} pacientes): {1} no treino, {2} na validação, {3} no teste.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="464"/>
        <source>Grouped by a DICOM tag ({0} groups): {1} in training, {2} in validation, {3} in test.</source>
        <translation>Agrupadas por uma etiqueta DICOM ({0} grupos): {1} no treino, {2} na validação, {3} no teste.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="467"/>
        <source>{0} groups: {1} in training, {2} in validation, {3} in test.</source>
        <translation>{0} grupos: {1} no treino, {2} na validação, {3} no teste.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="469"/>
        <source>1 image has no group and counts as one.</source>
        <translation>1 imagem não tem grupo e conta como um grupo.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="470"/>
        <source>{0} images have no group and count as one each.</source>
        <translation>{0} imagens não têm grupo e contam como um grupo cada.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="472"/>
        <source>No group is in two splits.</source>
        <translation>Nenhum grupo está em duas partes da divisão.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="474"/>
        <source>1 group is in two splits (see the warnings).</source>
        <translation>1 grupo está em duas partes da divisão (veja os avisos).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="475"/>
        <source>{0} groups are in two splits (see the warnings).</source>
        <translation>{0} grupos estão em duas partes da divisão (veja os avisos).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="536"/>
        <source>{0} pictures are filed under two classes (for example:
  {1}
  {2}): a label conflict, not leakage. The model is taught two answers, which lowers accuracy; fix the labels, or choose what runs do with them in Label conflicts.</source>
        <translation>{0} imagens estão arquivadas em duas classes (por exemplo:
  {1}
  {2}): um conflito de rótulo, não vazamento. O modelo aprende duas respostas, o que reduz a acurácia; corrija os rótulos, ou escolha o que as execuções fazem com elas em Conflitos de rótulo.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="542"/>
        <source>A picture appears in two splits, as two identical files; test accuracy will look better than it is:
  {0}
  {1}
Remove the copy from the folder and check it again.</source>
        <translation>Uma imagem aparece em duas partes da divisão, como dois arquivos idênticos; a acurácia de teste vai parecer melhor do que é:
  {0}
  {1}
Remova a cópia da pasta e verifique-a de novo.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="545"/>
        <source>A picture appears in two splits, as near copies; test accuracy will look better than it is:
  {0}
  {1}
Remove the copy from the folder and check it again.</source>
        <translation>Uma imagem aparece em duas partes da divisão, como quase cópias; a acurácia de teste vai parecer melhor do que é:
  {0}
  {1}
Remova a cópia da pasta e verifique-a de novo.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="550"/>
        <source>{0} pictures appear in two splits ({1} identical files, the rest near copies); test accuracy will look better than it is. For example:
  {2}
  {3}
Remove the copies from the folder and check it again.</source>
        <translation>{0} imagens aparecem em duas partes da divisão ({1} arquivos idênticos, o resto quase cópias); a acurácia de teste vai parecer melhor do que é. Por exemplo:
  {2}
  {3}
Remova as cópias da pasta e verifique-a de novo.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="555"/>
        <source>No picture appears in two splits.</source>
        <translation>Nenhuma imagem aparece em duas partes da divisão.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_panel.py" line="557"/>
        <source>Nothing to warn about.</source>
        <translation>Nada a avisar.</translation>
    </message>
</context>
<context>
    <name>DatasetStudio</name>
    <message>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="32"/>
        <source>This folder cannot be used</source>
        <translation>Esta pasta não pode ser usada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="33"/>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="121"/>
        <source>Cannot split the images</source>
        <translation>Não é possível dividir as imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="36"/>
        <source>Download failed</source>
        <translation>O download falhou</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="42"/>
        <source>Preparing the handwritten digits demo…</source>
        <translation>Preparando a demonstração de dígitos manuscritos…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="46"/>
        <source>Downloading the flower photos…</source>
        <translation>Baixando as fotos de flores…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="52"/>
        <source>Download cancelled.</source>
        <translation>Download cancelado.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="66"/>
        <source>Checking the images in {0}…</source>
        <translation>Verificando as imagens em {0}…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="94"/>
        <source>Looking for the same picture in two splits…</source>
        <translation>Procurando a mesma imagem em duas partes da divisão…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="106"/>
        <source>The flower photos are in {0}.</source>
        <translation>As fotos de flores estão em {0}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="116"/>
        <source>{0} usable images in {1} classes; {2} skipped.</source>
        <translation>{0} imagens utilizáveis em {1} classes; {2} ignorada(s).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/dataset_controller.py" line="131"/>
        <source>Duplicate check done: {0} pair(s) found.</source>
        <translation>Busca de duplicatas concluída: {0} par(es) encontrado(s).</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="19"/>
        <source>Export model</source>
        <translation>Exportar modelo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="21"/>
        <source>Keras (.keras): takes pictures of any size</source>
        <translation>Keras (.keras): aceita imagens de qualquer tamanho</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="22"/>
        <source>TensorFlow SavedModel</source>
        <translation>TensorFlow SavedModel</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="23"/>
        <source>TensorFlow Lite (phones, small devices)</source>
        <translation>TensorFlow Lite (celulares, dispositivos pequenos)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="24"/>
        <source>TensorFlow Lite, 8-bit (smaller and faster, slightly different answers)</source>
        <translation>TensorFlow Lite, 8 bits (menor e mais rápido, respostas um pouco diferentes)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="25"/>
        <source>ONNX (other runtimes and languages)</source>
        <translation>ONNX (outros ambientes de execução e linguagens)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="28"/>
        <source>Export the model of {0}. Each file is loaded again and checked against the model here; a labels file and a model card go beside them.</source>
        <translation>Exportar o modelo de {0}. Cada arquivo é carregado de novo e comparado com o modelo aqui; um arquivo de rótulos e uma ficha do modelo vão junto.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/export_dialog.py" line="40"/>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
</context>
<context>
    <name>FindingsView</name>
    <message>
        <location filename="../../tlstudio/gui/findings_view.py" line="24"/>
        <source>What the check found</source>
        <translation>O que a verificação encontrou</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/findings_view.py" line="49"/>
        <source>Read the figures with these in mind:</source>
        <translation>Leia os números tendo isto em mente:</translation>
    </message>
</context>
<context>
    <name>GalleryView</name>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="141"/>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="239"/>
        <source>No generator chosen: pick one in the list on the left.</source>
        <translation>Nenhum gerador escolhido: escolha um na lista à esquerda.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="147"/>
        <source> per class</source>
        <translation> por classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="150"/>
        <source>&amp;Generate</source>
        <translation>&amp;Gerar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="157"/>
        <source>&amp;Images:</source>
        <translation>&amp;Imagens:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="159"/>
        <source>Se&amp;ed:</source>
        <translation>Se&amp;mente:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="175"/>
        <source>Generate images, click the ones to leave out (their box clears), then accept the checked ones as a synthetic set.</source>
        <translation>Gere imagens, clique nas que devem ficar de fora (a caixa delas é desmarcada) e depois aceite as marcadas como um conjunto sintético.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="179"/>
        <source>optional; else the generator&apos;s name and epoch</source>
        <translation>opcional; senão, o nome e a época do gerador</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="180"/>
        <source>&amp;Accept checked images</source>
        <translation>&amp;Aceitar as imagens marcadas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="185"/>
        <source>Set &amp;name:</source>
        <translation>&amp;Nome do conjunto:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="221"/>
        <source>Not accepted: generate again (or train the generator longer).</source>
        <translation>Não aceitas: gere novamente (ou treine o gerador por mais tempo).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="228"/>
        <source>Pictures that do not look like their class</source>
        <translation>Imagens que não parecem da sua classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="229"/>
        <source>A classifier trained on the real images labels too few of these pictures as their own class ({0}; at least {1:.0%} is needed). Adding them to a run would add pictures with wrong labels.

Accept them anyway?</source>
        <translation>Um classificador treinado com as imagens reais classifica poucas destas imagens como da sua própria classe ({0}; é preciso pelo menos {1:.0%}). Adicioná-las a uma execução acrescentaria imagens com rótulos errados.

Aceitá-las mesmo assim?</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="241"/>
        <source>Generator: {0} ({1}, {2} × {2} px, epoch {3}); classes: {4}</source>
        <translation>Gerador: {0} ({1}, {2} × {2} px, época {3}); classes: {4}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="275"/>
        <source>{0} of {1} checked</source>
        <translation>{0} de {1} marcadas</translation>
    </message>
</context>
<context>
    <name>LabelActions</name>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="82"/>
        <source>Cannot check the labels</source>
        <extracomment>Suspects shown with a thumbnail (the table lists them all).</extracomment>
        <translation>Não foi possível verificar os rótulos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="84"/>
        <source>Checking the labels…</source>
        <translation>Verificando os rótulos…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="92"/>
        <source>Labels checked: {0} suspects.</source>
        <translation>Rótulos verificados: {0} suspeitas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="93"/>
        <source>Labels checked.</source>
        <translation>Rótulos verificados.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="96"/>
        <location filename="../../tlstudio/gui/labels_view.py" line="97"/>
        <source>Label check stopped.</source>
        <translation>Verificação de rótulos interrompida.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="106"/>
        <source>{0} pictures will be left out of the next runs (the folder is unchanged).</source>
        <translation>{0} imagens ficarão fora das próximas execuções (a pasta não é alterada).</translation>
    </message>
</context>
<context>
    <name>LabelsView</name>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="122"/>
        <source>Folds</source>
        <translation>Partes</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="123"/>
        <source>C&amp;heck labels</source>
        <translation>&amp;Verificar rótulos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="124"/>
        <source>&amp;Leave the ticked pictures out of the next runs</source>
        <translation>&amp;Deixar as imagens marcadas fora das próximas execuções</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="126"/>
        <source>No label check yet.</source>
        <translation>Ainda não há verificação de rótulos.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="130"/>
        <source>Picture</source>
        <translation>Imagem</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="130"/>
        <source>Given label</source>
        <translation>Rótulo dado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="130"/>
        <location filename="../../tlstudio/gui/labels_view.py" line="131"/>
        <source>Probability</source>
        <translation>Probabilidade</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="131"/>
        <source>Likely label</source>
        <translation>Rótulo provável</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="131"/>
        <source>Leave out</source>
        <translation>Deixar de fora</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="132"/>
        <source>Suspected label errors</source>
        <translation>Suspeitas de erro de rótulo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="138"/>
        <source>&amp;Folds:</source>
        <translation>&amp;Partes:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="146"/>
        <source>Which pictures may carry a wrong label? Each picture is held out once and predicted by a model that never saw it; the pictures whose given label that model finds least likely (confident learning) are listed first. Look at each one: tick those to leave out of the next runs, or fix them in the folder.</source>
        <translation>Quais imagens podem ter um rótulo errado? Cada imagem é separada uma vez e prevista por um modelo que nunca a viu; as imagens cujo rótulo dado esse modelo acha menos provável (aprendizado confiante) aparecem primeiro. Olhe cada uma: marque as que devem ficar fora das próximas execuções, ou corrija-as na pasta.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/labels_view.py" line="159"/>
        <source>{0} of {1} pictures look mislabelled ({2} folds); least likely given label first.</source>
        <translation>{0} de {1} imagens parecem ter o rótulo errado ({2} partes); o rótulo dado menos provável primeiro.</translation>
    </message>
</context>
<context>
    <name>LogWindow</name>
    <message>
        <location filename="../../tlstudio/gui/errors.py" line="147"/>
        <source>tlstudio log — {0}</source>
        <translation>Registro do tlstudio — {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/errors.py" line="153"/>
        <source>Log</source>
        <translation>Registro</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/errors.py" line="155"/>
        <source>&amp;Reload</source>
        <translation>&amp;Recarregar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/errors.py" line="156"/>
        <source>&amp;Copy all</source>
        <translation>&amp;Copiar tudo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/errors.py" line="157"/>
        <source>&amp;Open in a file viewer</source>
        <translation>&amp;Abrir em um visualizador de arquivos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/errors.py" line="172"/>
        <source>The log is empty: nothing has gone wrong so far.</source>
        <translation>O registro está vazio: nada deu errado até agora.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="33"/>
        <source>tlstudio — train image classifiers with little data</source>
        <translation>tlstudio — treine classificadores de imagens com poucos dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="46"/>
        <source>1 · &amp;Dataset</source>
        <translation>1 · &amp;Dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="47"/>
        <source>2 · &amp;Model</source>
        <translation>2 · &amp;Modelo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="48"/>
        <source>3 · &amp;Augmentation</source>
        <translation>3 · A&amp;umento de dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="49"/>
        <source>4 · S&amp;ynthetic images</source>
        <translation>4 · Imagens &amp;sintéticas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="50"/>
        <source>5 · &amp;Training</source>
        <translation>5 · &amp;Treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="51"/>
        <source>6 · &amp;Results</source>
        <translation>6 · &amp;Resultados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="52"/>
        <source>7 · &amp;Predict</source>
        <translation>7 · &amp;Previsão</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="71"/>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="72"/>
        <source>&amp;Open image folder…</source>
        <translation>Abrir &amp;pasta de imagens…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="73"/>
        <source>Open the &amp;digits demo</source>
        <translation>Abrir a demonstração de &amp;dígitos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="74"/>
        <source>Download &amp;flower photos</source>
        <translation>Baixar &amp;fotos de flores</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="76"/>
        <source>&amp;Workspace folder…</source>
        <translation>Pasta de &amp;trabalho…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="77"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Configurações…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="80"/>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="81"/>
        <source>&amp;Run</source>
        <translation>&amp;Executar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="82"/>
        <source>&amp;Start training</source>
        <translation>&amp;Iniciar treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="83"/>
        <source>S&amp;top</source>
        <translation>&amp;Parar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="84"/>
        <source>&amp;Compare all three</source>
        <translation>&amp;Comparar os três</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="86"/>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="95"/>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="96"/>
        <source>Open &amp;log</source>
        <translation>Abrir &amp;registro</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="97"/>
        <source>&amp;About tlstudio</source>
        <translation>&amp;Sobre o tlstudio</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="129"/>
        <source>Device: {0}</source>
        <translation>Dispositivo: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="133"/>
        <source>Workspace: {0}</source>
        <translation>Pasta de trabalho: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="134"/>
        <source>Runs, caches and exports are saved here. Change it with File → Workspace folder…</source>
        <translation>Execuções, caches e exportações são salvos aqui. Troque-a em Arquivo → Pasta de trabalho…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="136"/>
        <source>Now: {0}</source>
        <translation>Agora: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="141"/>
        <source>Workspace folder (runs, caches, exports)</source>
        <translation>Pasta de trabalho (execuções, caches, exportações)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="188"/>
        <source>Something went wrong</source>
        <translation>Algo deu errado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="192"/>
        <source>About tlstudio</source>
        <translation>Sobre o tlstudio</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="193"/>
        <source>&lt;b&gt;tlstudio&lt;/b&gt;&lt;br&gt;Train image classifiers when data is scarce: augmentation, transfer learning and fine-tuning, side by side.&lt;br&gt;&lt;br&gt;Workspace: {0}&lt;br&gt;Log file: {1}</source>
        <translation>&lt;b&gt;tlstudio&lt;/b&gt;&lt;br&gt;Treine classificadores de imagens quando há poucos dados: aumento de dados, transferência de aprendizado e ajuste fino, lado a lado.&lt;br&gt;&lt;br&gt;Pasta de trabalho: {0}&lt;br&gt;Arquivo de registro: {1}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="201"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="201"/>
        <source>The new language is used from the next start.</source>
        <translation>O novo idioma será usado a partir da próxima vez que o tlstudio for aberto.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="208"/>
        <source>A generator is training (Synthetic images tab). Stop it and close tlstudio? Its folder keeps its last checkpoint.</source>
        <translation>Um gerador está treinando (aba Imagens sintéticas). Pará-lo e fechar o tlstudio? A pasta dele guarda o último ponto de verificação.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="217"/>
        <source>Stop training?</source>
        <translation>Parar o treino?</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="206"/>
        <source>A model is training. Stop it and close tlstudio? The run folder keeps its last checkpoint.</source>
        <translation>Um modelo está treinando. Parar e fechar o tlstudio? A pasta da execução guarda o último ponto de controle.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/main_window.py" line="222"/>
        <source>Stopping…</source>
        <translation>Parando…</translation>
    </message>
</context>
<context>
    <name>ModelPanel</name>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="51"/>
        <location filename="../../tlstudio/gui/model_panel.py" line="88"/>
        <source>Backbone</source>
        <translation>Rede base</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="54"/>
        <source>ImageNet (pretrained)</source>
        <translation>ImageNet (pré-treinada)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="55"/>
        <source>Random (no pretraining)</source>
        <translation>Aleatórios (sem pré-treino)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="56"/>
        <source>From a file…</source>
        <translation>De um arquivo…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="60"/>
        <source>usual for the backbone</source>
        <translation>o usual da rede base</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="65"/>
        <source>From &amp;scratch: random weights, everything trains</source>
        <translation>Do &amp;zero: pesos aleatórios, tudo é treinado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="66"/>
        <source>&amp;Transfer: backbone frozen, only the head trains</source>
        <translation>&amp;Transferência: rede base congelada, só a cabeça treina</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="67"/>
        <source>&amp;Fine-tune: head first, then layers from the cutoff on</source>
        <translation>&amp;Ajuste fino: primeiro a cabeça, depois as camadas a partir do corte</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="73"/>
        <source>Average</source>
        <translation>Média</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="74"/>
        <source>Maximum</source>
        <translation>Máximo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="75"/>
        <source>Flatten</source>
        <translation>Achatar</translation>
    </message>
    <message>
        <source>Sizes of the hidden layers, separated by commas (empty: none)</source>
        <translation type="vanished">Tamanhos das camadas ocultas, separados por vírgulas (vazio: nenhuma)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="90"/>
        <source>&amp;Network:</source>
        <translation>&amp;Rede:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="92"/>
        <source>&amp;Weights:</source>
        <translation>&amp;Pesos:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="93"/>
        <source>&amp;Image size:</source>
        <translation>Tamanho da &amp;imagem:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="94"/>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="98"/>
        <source>Head (new decision layers)</source>
        <translation>Cabeça (novas camadas de decisão)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="100"/>
        <source>&amp;Pooling:</source>
        <translation>&amp;Agrupamento (pooling):</translation>
    </message>
    <message>
        <source>Hidden &amp;layers:</source>
        <translation type="vanished">Camadas &amp;ocultas:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="78"/>
        <source>A hidden layer is a layer of units between the backbone&apos;s features and the answer; it can combine features, and needs more images to train. Write how many units each has, separated by commas (256, or 256, 128); leave it empty for none.</source>
        <translation>Uma camada oculta é uma camada de unidades entre as características do backbone e a resposta; ela pode combinar características e precisa de mais imagens para treinar. Escreva quantas unidades cada uma tem, separadas por vírgulas (256, ou 256, 128); deixe vazio para nenhuma.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="101"/>
        <source>Hidden &amp;layers (?):</source>
        <translation>Camadas &amp;ocultas (?):</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="104"/>
        <source>&amp;Dropout:</source>
        <translation>&amp;Dropout:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="115"/>
        <source>Loading the layer list…</source>
        <translation>Carregando a lista de camadas…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="120"/>
        <source>Layer</source>
        <translation>Camada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="120"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="120"/>
        <source>Output</source>
        <translation>Saída</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="120"/>
        <source>Parameters</source>
        <translation>Parâmetros</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="121"/>
        <source>Layer list</source>
        <translation>Lista de camadas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="133"/>
        <source>&lt;b&gt;Layers of the backbone&lt;/b&gt;</source>
        <translation>&lt;b&gt;Camadas da rede base&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="134"/>
        <source>Click a layer to fine-tune from it: it and the layers after it train, the greyed layers with a lock stay frozen.</source>
        <translation>Clique em uma camada para fazer o ajuste fino a partir dela: ela e as camadas seguintes treinam; as camadas em cinza, com cadeado, ficam congeladas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="184"/>
        <source>No hidden layer: the backbone&apos;s features go straight to the answer.</source>
        <translation>Sem camada oculta: as características do backbone vão direto para a resposta.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="186"/>
        <source>Hidden layer: {0} units.</source>
        <translation>Camada oculta: {0} unidades.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="187"/>
        <source>Hidden layers: {0} units.</source>
        <translation>Camadas ocultas: {0} unidades.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="213"/>
        <source>Choose a weights file</source>
        <translation>Escolha um arquivo de pesos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="214"/>
        <source>Keras weights (*.h5 *.keras *.weights.h5);;All files (*)</source>
        <translation>Pesos do Keras (*.h5 *.keras *.weights.h5);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="232"/>
        <source>works offline</source>
        <translation>funciona sem internet</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="232"/>
        <source>weights downloaded once</source>
        <translation>pesos baixados uma vez</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="233"/>
        <source>{0} — {1} parameters, {2}</source>
        <translation>{0} — {1} parâmetros, {2}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="246"/>
        <source>{0}. Usual input {1} px, {2} parameters. {3}</source>
        <translation>{0}. Entrada usual de {1} px, {2} parâmetros. {3}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="248"/>
        <source>ImageNet weights ship with tlstudio.</source>
        <translation>Os pesos ImageNet vêm com o tlstudio.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="249"/>
        <source>ImageNet weights are downloaded on first use.</source>
        <translation>Os pesos ImageNet são baixados no primeiro uso.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="263"/>
        <source>Not used from scratch: the network starts from random weights.</source>
        <translation>Não usado do zero: a rede começa com pesos aleatórios.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="264"/>
        <source>Where the backbone&apos;s starting weights come from.</source>
        <translation>De onde vêm os pesos iniciais do backbone.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="269"/>
        <source>Building the layer list…</source>
        <translation>Montando a lista de camadas…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="274"/>
        <source>The layer list appears once TensorFlow has loaded.</source>
        <translation>A lista de camadas aparece quando o TensorFlow terminar de carregar.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="285"/>
        <location filename="../../tlstudio/gui/model_panel.py" line="293"/>
        <source>input</source>
        <translation>entrada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="317"/>
        <source>Locked although it comes after the cutoff: a batch normalisation layer keeps the averages it learnt on ImageNet. Re-learnt from a few images they would be noisy, and the layers around it would be thrown off.</source>
        <translation>Travada embora venha depois do corte: uma camada de normalização em lote mantém as médias que aprendeu na ImageNet. Reaprendidas com poucas imagens, elas seriam ruidosas e desajustariam as camadas ao redor.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="336"/>
        <source>{0} batch normalisation layers after the cutoff stay locked, so that the averages they learnt on ImageNet are kept (hover one for why).</source>
        <translation>{0} camadas de normalização em lote depois do corte ficam travadas, para manter as médias que aprenderam na ImageNet (passe o mouse sobre uma para saber por quê).</translation>
    </message>
    <message>
        <source>Batch normalisation: kept frozen while fine-tuning, so its ImageNet statistics stay</source>
        <translation type="vanished">Normalização em lote: fica congelada durante o ajuste fino, para manter suas estatísticas do ImageNet</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="321"/>
        <source>Frozen: keeps its ImageNet weights</source>
        <translation>Congelada: mantém seus pesos do ImageNet</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="321"/>
        <source>Trained</source>
        <translation>Treinada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="328"/>
        <source>From scratch: every layer trains.</source>
        <translation>Do zero: todas as camadas treinam.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="329"/>
        <source>Transfer: the whole backbone is frozen.</source>
        <translation>Transferência: toda a rede base está congelada.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="330"/>
        <source>Fine-tuning from {0}.</source>
        <translation>Ajuste fino a partir de {0}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/model_panel.py" line="331"/>
        <source>{0} Frozen: {1} parameters in {2} layers. Trainable: {3} parameters in {4} layers (plus the head).</source>
        <translation>{0} Congelados: {1} parâmetros em {2} camadas. Treináveis: {3} parâmetros em {4} camadas (mais a cabeça).</translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="42"/>
        <location filename="../../tlstudio/gui/predict_panel.py" line="159"/>
        <source>Model: none yet. Train one, or open a saved model.</source>
        <translation>Modelo: nenhum ainda. Treine um ou abra um modelo salvo.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="44"/>
        <source>Open &amp;model…</source>
        <translation>Abrir &amp;modelo…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="45"/>
        <source>Add &amp;images…</source>
        <translation>Adicionar &amp;imagens…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="46"/>
        <source>Add &amp;folder…</source>
        <translation>Adicionar &amp;pasta…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="47"/>
        <source>&amp;Export CSV…</source>
        <translation>&amp;Exportar CSV…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="49"/>
        <source>C&amp;lear list</source>
        <translation>&amp;Limpar lista</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="55"/>
        <source>Drop pictures or a folder here, or:</source>
        <translation>Solte imagens ou uma pasta aqui, ou:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="62"/>
        <source>Picture</source>
        <translation>Imagem</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="62"/>
        <source>File</source>
        <translation>Arquivo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="62"/>
        <source>Predicted class</source>
        <translation>Classe prevista</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="63"/>
        <source>Probability</source>
        <translation>Probabilidade</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="81"/>
        <source>The picture</source>
        <translation>A imagem</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="82"/>
        <source>Where the model looked</source>
        <translation>Onde o modelo olhou</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="122"/>
        <source>Open a saved model</source>
        <translation>Abra um modelo salvo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="123"/>
        <source>Keras model (*.keras)</source>
        <translation>Modelo Keras (*.keras)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="129"/>
        <source>Choose pictures</source>
        <translation>Escolha as imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="130"/>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff *.avif *.jp2 *.ico *.dcm)</source>
        <translation>Imagens (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.tif *.tiff *.avif *.jp2 *.ico *.dcm)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="136"/>
        <source>Choose a folder of pictures</source>
        <translation>Escolha uma pasta de imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="142"/>
        <source>Save predictions</source>
        <translation>Salvar previsões</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="143"/>
        <source>CSV files (*.csv)</source>
        <translation>Arquivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="158"/>
        <source>Model: {0}</source>
        <translation>Modelo: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="164"/>
        <source>Predicting…</source>
        <translation>Prevendo…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="178"/>
        <source>could not be read</source>
        <translation>não pôde ser lida</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="180"/>
        <source>uncertain (best guess: {0})</source>
        <translation>incerto (melhor palpite: {0})</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="186"/>
        <source>The model&apos;s confidence is below the threshold saved with it: have a person look at this picture.</source>
        <translation>A confiança do modelo está abaixo do limiar salvo com ele: peça a uma pessoa que examine esta imagem.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="194"/>
        <source>{0} pictures predicted, {1} could not be read.</source>
        <translation>{0} imagens previstas, {1} não puderam ser lidas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="196"/>
        <source>{0} uncertain: the model&apos;s confidence is below its threshold.</source>
        <translation>{0} incertas: a confiança do modelo está abaixo do seu limiar.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="227"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Could not be read: {1}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Não pôde ser lida: {1}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="233"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Predicted: &lt;b&gt;uncertain&lt;/b&gt; (best guess {1} at {2}, below the threshold {3})&lt;table&gt;{4}&lt;/table&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Previsão: &lt;b&gt;incerto&lt;/b&gt; (melhor palpite {1} com {2}, abaixo do limiar {3})&lt;table&gt;{4}&lt;/table&gt;</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_panel.py" line="237"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Predicted: &lt;b&gt;{1}&lt;/b&gt;&lt;table&gt;{2}&lt;/table&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Previsão: &lt;b&gt;{1}&lt;/b&gt;&lt;table&gt;{2}&lt;/table&gt;</translation>
    </message>
</context>
<context>
    <name>PredictStudio</name>
    <message>
        <location filename="../../tlstudio/gui/predict_controller.py" line="21"/>
        <source>Prediction failed</source>
        <translation>A previsão falhou</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_controller.py" line="30"/>
        <source>Train a model first, or open a saved model (model.keras) to predict with.</source>
        <translation>Treine um modelo primeiro ou abra um modelo salvo (model.keras) para fazer previsões.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_controller.py" line="31"/>
        <source>No model</source>
        <translation>Nenhum modelo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_controller.py" line="33"/>
        <source>Predicting {0} item(s)…</source>
        <translation>Prevendo {0} item(ns)…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_controller.py" line="55"/>
        <source>{0} image(s) predicted.</source>
        <translation>{0} imagem(ns) prevista(s).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/predict_controller.py" line="58"/>
        <source>Predictions saved to {0}.</source>
        <translation>Previsões salvas em {0}.</translation>
    </message>
</context>
<context>
    <name>ReadingBox</name>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="22"/>
        <source>DICOM and 16-bit pictures</source>
        <translation>Imagens DICOM e de 16 bits</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="30"/>
        <source>a robust window from the values</source>
        <translation>uma janela robusta tirada dos valores</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="31"/>
        <source>stored window </source>
        <translation>janela gravada </translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="32"/>
        <source>DICOM window</source>
        <translation>Janela DICOM</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="33"/>
        <source>Which of the windows stored in the DICOM files (Window Center/Width) turns their values into grey levels; 0 ignores them and uses the 0.5th to 99.5th percentile of each picture&apos;s values.</source>
        <translation>Qual das janelas gravadas nos arquivos DICOM (Window Center/Width) transforma seus valores em tons de cinza; 0 as ignora e usa do percentil 0,5 ao 99,5 dos valores de cada imagem.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="37"/>
        <source>The middle frame</source>
        <translation>O quadro do meio</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="38"/>
        <source>Every frame, as an image of its own</source>
        <translation>Cada quadro, como uma imagem própria</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="39"/>
        <source>What a DICOM file with several frames (a 3-D volume or a cine loop) gives.</source>
        <translation>O que um arquivo DICOM com vários quadros (um volume 3-D ou um cine) fornece.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="41"/>
        <source>By their values (under 4,096: 12-bit data)</source>
        <translation>Pelos seus valores (abaixo de 4.096: dados de 12 bits)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="42"/>
        <source>Always from 0 to 65,535</source>
        <translation>Sempre de 0 a 65.535</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="43"/>
        <source>How 16-bit PNG and TIFF pictures become grey levels: 12-bit X-ray data (values 0 to 4,095) would look almost black if scaled from 0 to 65,535.</source>
        <translation>Como imagens PNG e TIFF de 16 bits viram tons de cinza: dados de raio X de 12 bits (valores de 0 a 4.095) pareceriam quase pretos se escalados de 0 a 65.535.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="47"/>
        <source>DICOM &amp;window:</source>
        <translation>&amp;Janela DICOM:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="48"/>
        <source>Multi-&amp;frame files:</source>
        <translation>Arquivos com vários &amp;quadros:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/reading_box.py" line="49"/>
        <source>16-&amp;bit pictures:</source>
        <translation>Imagens de 16 &amp;bits:</translation>
    </message>
</context>
<context>
    <name>RecallChangeView</name>
    <message>
        <location filename="../../tlstudio/gui/recall_change_view.py" line="21"/>
        <source>Class weights: what changed for each class</source>
        <translation>Pesos por classe: o que mudou em cada classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/recall_change_view.py" line="26"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/recall_change_view.py" line="26"/>
        <source>Recall without</source>
        <translation>Revocação sem</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/recall_change_view.py" line="26"/>
        <source>Recall with</source>
        <translation>Revocação com</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/recall_change_view.py" line="27"/>
        <source>Change</source>
        <translation>Mudança</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/recall_change_view.py" line="27"/>
        <source>Test images</source>
        <translation>Imagens de teste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/recall_change_view.py" line="28"/>
        <source>Recall without and with class weights</source>
        <translation>Revocação sem e com pesos por classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/recall_change_view.py" line="45"/>
        <source>Balanced accuracy {0} without class weights, {1} with them ({2} points). A class&apos;s recall can rise while another&apos;s falls:</source>
        <translation>Acurácia balanceada de {0} sem pesos por classe, {1} com eles ({2} pontos). A revocação de uma classe pode subir enquanto a de outra cai:</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="89"/>
        <source>Run</source>
        <translation>Execução</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="90"/>
        <location filename="../../tlstudio/gui/results_panel.py" line="310"/>
        <source>No finished run yet: train a model on the Training tab.</source>
        <translation>Nenhuma execução concluída ainda: treine um modelo na aba Treino.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="94"/>
        <source>&amp;Run:</source>
        <translation>&amp;Execução:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="97"/>
        <source>E&amp;xport model…</source>
        <translation>E&amp;xportar modelo…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="98"/>
        <source>Save the model of this run as Keras, SavedModel, TensorFlow Lite or ONNX, each checked, with a labels file and a model card</source>
        <translation>Salva o modelo desta execução como Keras, SavedModel, TensorFlow Lite ou ONNX, cada um verificado, com um arquivo de rótulos e uma ficha do modelo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="128"/>
        <source>Check labels</source>
        <translation>Verificar rótulos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="143"/>
        <source>Replace file names with pseudonyms</source>
        <translation>Substituir nomes de arquivos por pseudônimos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="144"/>
        <source>The report calls the images image 1, image 2, ... and hides the image folder&apos;s path: for file names that hold a patient&apos;s name or ID</source>
        <translation>O relatório chama as imagens de image 1, image 2, ... e oculta o caminho da pasta de imagens: para nomes de arquivos que contêm o nome ou o ID de um paciente</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="173"/>
        <source>Confusion matrix</source>
        <translation>Matriz de confusão</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="175"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="175"/>
        <source>Precision</source>
        <translation>Precisão</translation>
    </message>
    <message>
        <source>Recall (95% interval)</source>
        <translation type="vanished">Revocação (intervalo de 95%)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="176"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="176"/>
        <source>Test images</source>
        <translation>Imagens de teste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="183"/>
        <source>&lt;b&gt;Confusion matrix&lt;/b&gt;</source>
        <translation>&lt;b&gt;Matriz de confusão&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="184"/>
        <source>Rows: the true class. Columns: what the model said. Click a cell to see those images.</source>
        <translation>Linhas: a classe verdadeira. Colunas: o que o modelo disse. Clique em uma célula para ver essas imagens.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Each class&lt;/b&gt;</source>
        <translation type="vanished">&lt;b&gt;Cada classe&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="190"/>
        <location filename="../../tlstudio/gui/results_panel.py" line="374"/>
        <source>&lt;b&gt;Mistakes&lt;/b&gt;</source>
        <translation>&lt;b&gt;Erros&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="192"/>
        <source>Order of the mistakes</source>
        <translation>Ordem dos erros</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="193"/>
        <source>In test order</source>
        <translation>Na ordem do teste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="194"/>
        <source>Most confident first</source>
        <translation>Mais confiantes primeiro</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="195"/>
        <source>Least confident first</source>
        <translation>Menos confiantes primeiro</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="196"/>
        <source>Confident mistakes are the ones to look at first: a wrong label in the folder, or something the model has really learnt wrong.</source>
        <translation>Os erros confiantes são os primeiros a olhar: um rótulo errado na pasta, ou algo que o modelo realmente aprendeu errado.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="198"/>
        <source>Show &amp;all mistakes</source>
        <translation>Mostrar &amp;todos os erros</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="212"/>
        <source>Misclassified images</source>
        <translation>Imagens classificadas errado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="220"/>
        <source>The picture</source>
        <translation>A imagem</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="221"/>
        <source>Where the model looked</source>
        <translation>Onde o modelo olhou</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="283"/>
        <source>too few test images to measure</source>
        <translation>poucas imagens de teste para medir</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="317"/>
        <source>Test accuracy {0} (95% interval {1}) on {2} images never seen in training; balanced accuracy {3}. {4}</source>
        <translation>Acurácia de teste {0} (intervalo de 95%: {1}) em {2} imagens nunca vistas no treino; acurácia balanceada {3}. {4}</translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="vanished">Modelo</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation type="vanished">Rede base</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation type="vanished">Acurácia de teste</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation type="vanished">Intervalo de 95%</translation>
    </message>
    <message>
        <source>Balanced accuracy</source>
        <translation type="vanished">Acurácia balanceada</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="vanished">Épocas</translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="vanished">Tempo</translation>
    </message>
    <message>
        <source>Validation accuracy of each run</source>
        <translation type="vanished">Acurácia de validação de cada execução</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation type="vanished">época</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation type="vanished">acurácia de validação</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="117"/>
        <source>This run</source>
        <translation>Esta execução</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="118"/>
        <source>Compare runs</source>
        <translation>Comparar execuções</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="120"/>
        <source>Learning curve</source>
        <translation>Curva de aprendizado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="122"/>
        <source>Cross-validation</source>
        <translation>Validação cruzada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="124"/>
        <source>Strategies</source>
        <translation>Estratégias</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="126"/>
        <source>Calibration</source>
        <translation>Calibração</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="137"/>
        <source>Save &amp;report</source>
        <translation>Salvar &amp;relatório</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="138"/>
        <source>Write this run&apos;s report into its folder: one HTML file and a PDF, pictures included, to share</source>
        <translation>Grava o relatório desta execução na pasta dela: um arquivo HTML e um PDF, com as imagens, para compartilhar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="175"/>
        <source>Recall</source>
        <translation>Revocação</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="187"/>
        <source>&lt;b&gt;Each class&lt;/b&gt; (95% intervals in brackets)</source>
        <translation>&lt;b&gt;Cada classe&lt;/b&gt; (intervalos de 95% entre parênteses)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="263"/>
        <source>&lt;b&gt;Exported to&lt;/b&gt; {0}&lt;br&gt;Each file loaded again and compared with the model here:&lt;ul&gt;{1}&lt;/ul&gt;</source>
        <translation>&lt;b&gt;Exportado para&lt;/b&gt; {0}&lt;br&gt;Cada arquivo foi carregado de novo e comparado com o modelo aqui:&lt;ul&gt;{1}&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="279"/>
        <location filename="../../tlstudio/gui/results_panel.py" line="400"/>
        <source>Computing Grad-CAM heatmaps of the mistakes…</source>
        <translation>Calculando os mapas de calor Grad-CAM dos erros…</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="vanished">cancelada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="311"/>
        <source>This run was stopped before the end: it has no test results.</source>
        <translation>Esta execução foi interrompida antes do fim: não tem resultados de teste.</translation>
    </message>
    <message>
        <source>Test accuracy {0} (95% interval {1} to {2}) on {3} images never seen in training; balanced accuracy {4}. {5}</source>
        <translation type="vanished">Acurácia de teste de {0} (intervalo de 95%: {1} a {2}) em {3} imagens nunca vistas no treino; acurácia balanceada de {4}. {5}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="336"/>
        <source>{0} images of {1} were called {2} ({3} of the row)</source>
        <translation>{0} imagens de {1} foram classificadas como {2} ({3} da linha)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="381"/>
        <source>&lt;b&gt;Mistakes&lt;/b&gt;: {0} of {1} test images</source>
        <translation>&lt;b&gt;Erros&lt;/b&gt;: {0} de {1} imagens de teste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="385"/>
        <source>&lt;b&gt;True {0}, called {1}&lt;/b&gt;: {2} images</source>
        <translation>&lt;b&gt;Verdadeira {0}, classificada como {1}&lt;/b&gt;: {2} imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="397"/>
        <source>These {0} images were recognised correctly; the gallery shows mistakes only.</source>
        <translation>Estas {0} imagens foram reconhecidas corretamente; a galeria mostra só os erros.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="402"/>
        <source>No mistakes on the test images.</source>
        <translation>Nenhum erro nas imagens de teste.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="404"/>
        <source>Showing the first {0} mistakes with the part of the picture the model looked at (Grad-CAM).</source>
        <translation>Mostrando os primeiros {0} erros com a parte da imagem para a qual o modelo olhou (Grad-CAM).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="407"/>
        <source>Red areas: the part of the picture that made the model choose its answer (Grad-CAM). Select an image for details.</source>
        <translation>Áreas vermelhas: a parte da imagem que levou o modelo à sua resposta (Grad-CAM). Selecione uma imagem para ver os detalhes.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="431"/>
        <source>No heatmap for this model</source>
        <translation>Sem mapa de calor para este modelo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="434"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;True class: &lt;b&gt;{1}&lt;/b&gt;&lt;br&gt;Model said: &lt;b&gt;{2}&lt;/b&gt;&lt;table&gt;{3}&lt;/table&gt;</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Classe verdadeira: &lt;b&gt;{1}&lt;/b&gt;&lt;br&gt;O modelo disse: &lt;b&gt;{2}&lt;/b&gt;&lt;table&gt;{3}&lt;/table&gt;</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_panel.py" line="449"/>
        <source>Report saved: {0}</source>
        <translation>Relatório salvo: {0}</translation>
    </message>
</context>
<context>
    <name>ResultsStudio</name>
    <message>
        <location filename="../../tlstudio/gui/results_controller.py" line="34"/>
        <source>Export failed</source>
        <translation>A exportação falhou</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_controller.py" line="35"/>
        <source>Could not write the report</source>
        <translation>Não foi possível gravar o relatório</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_controller.py" line="81"/>
        <source>Could not save the threshold</source>
        <translation>Não foi possível salvar o limiar</translation>
    </message>
    <message>
        <source>Threshold {0:.2f} saved with the model in {1}.</source>
        <translation type="vanished">Limiar {0:.2f} salvo com o modelo em {1}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_controller.py" line="84"/>
        <source>Threshold {0} saved with the model in {1}.</source>
        <translation>Limiar {0} salvo com o modelo em {1}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_controller.py" line="93"/>
        <source>Exporting the model of {0}…</source>
        <translation>Exportando o modelo de {0}…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_controller.py" line="107"/>
        <source>Writing the report of {0}…</source>
        <translation>Gravando o relatório de {0}…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_controller.py" line="118"/>
        <source>Exporting ({0}/{1}): {2}</source>
        <translation>Exportando ({0}/{1}): {2}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_controller.py" line="122"/>
        <source>Export stopped: nothing was written.</source>
        <translation>Exportação interrompida: nada foi gravado.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_controller.py" line="124"/>
        <source>Model exported to {0}; every file checked.</source>
        <translation>Modelo exportado para {0}; todos os arquivos verificados.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/results_controller.py" line="128"/>
        <source>Report saved to {0}.</source>
        <translation>Relatório salvo em {0}.</translation>
    </message>
</context>
<context>
    <name>ResumeBanner</name>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="32"/>
        <source>&amp;Resume from the last checkpoint</source>
        <translation>&amp;Retomar do último ponto de controle</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="34"/>
        <source>&amp;Later</source>
        <translation>&amp;Depois</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="35"/>
        <source>Hide this; tlstudio asks again at the next start.</source>
        <translation>Oculta este aviso; o tlstudio pergunta de novo na próxima vez que for aberto.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="36"/>
        <source>&amp;Don&apos;t resume</source>
        <translation>&amp;Não retomar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="37"/>
        <source>List the run as stopped. Its checkpoint is kept.</source>
        <translation>Marca a execução como interrompida. O ponto de controle é mantido.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="67"/>
        <source>The run &lt;b&gt;{0}&lt;/b&gt; ({1}, {2}) was interrupted after {3} of {4} epochs, at {5}: tlstudio or the computer stopped in the middle of training. It can continue from its last checkpoint.</source>
        <translation>A execução &lt;b&gt;{0}&lt;/b&gt; ({1}, {2}) foi interrompida depois de {3} de {4} épocas, em {5}: o tlstudio ou o computador parou no meio do treino. Ela pode continuar do último ponto de controle.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="71"/>
        <source>({0} more interrupted runs after this one.)</source>
        <translation>(Mais {0} execuções interrompidas depois desta.)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/resume_banner.py" line="85"/>
        <source>A run is going: resume the interrupted one when it has ended.</source>
        <translation>Há uma execução em andamento: retome a interrompida quando ela terminar.</translation>
    </message>
</context>
<context>
    <name>RunStudio</name>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="67"/>
        <source>Cannot start training</source>
        <extracomment>The modes &quot;Compare all three&quot; trains, one after the other.</extracomment>
        <translation>Não é possível iniciar o treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="70"/>
        <source>Comparing scratch, transfer and fine-tune…</source>
        <translation>Comparando do zero, transferência e ajuste fino…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="71"/>
        <source>Training started.</source>
        <translation>Treino iniciado.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="86"/>
        <source>Resuming the interrupted run from its last checkpoint…</source>
        <translation>Retomando a execução interrompida do último ponto de controle…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="104"/>
        <source>Something did not work</source>
        <translation>Algo não funcionou</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="108"/>
        <source>Stopping after this batch…</source>
        <translation>Parando depois deste lote…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="114"/>
        <source>Choose an image folder first (Dataset tab).</source>
        <translation>Escolha primeiro uma pasta de imagens (aba Dados).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="116"/>
        <source>The images are still being checked; start again when the check is done.</source>
        <translation>As imagens ainda estão sendo verificadas; comece de novo quando a verificação terminar.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="118"/>
        <source>A generator is training (Synthetic images tab).</source>
        <translation>Um gerador está treinando (aba Imagens sintéticas).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="119"/>
        <source>Wait for it to finish or stop it, then start again.</source>
        <translation>Espere terminar ou interrompa-o e depois comece de novo.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="125"/>
        <source>Training stopped with an error.</source>
        <translation>O treino parou com um erro.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="126"/>
        <source>Training stopped</source>
        <translation>Treino interrompido</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="133"/>
        <source>Finished: test accuracy {0}</source>
        <translation>Concluído: acurácia de teste de {0}</translation>
    </message>
    <message>
        <source>Finished: test accuracy {0:.1%}</source>
        <translation type="vanished">Concluído: acurácia de teste de {0:.1%}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="134"/>
        <source>Finished.</source>
        <translation>Concluído.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="138"/>
        <source>Stopped before the end (cancelled).</source>
        <translation>Interrompido antes do fim (cancelado).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/run_controller.py" line="139"/>
        <source>Run cancelled.</source>
        <translation>Execução cancelada.</translation>
    </message>
</context>
<context>
    <name>SetsView</name>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="299"/>
        <source>Set</source>
        <translation>Conjunto</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="299"/>
        <source>Images</source>
        <translation>Imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="299"/>
        <source>Generator</source>
        <translation>Gerador</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="299"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="300"/>
        <source>Epoch</source>
        <translation>Época</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="300"/>
        <source>Seed</source>
        <translation>Semente</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="302"/>
        <source>Accepted synthetic sets</source>
        <translation>Conjuntos sintéticos aceitos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="306"/>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="399"/>
        <source>No synthetic set yet: accept images in the gallery.</source>
        <translation>Ainda não há conjunto sintético: aceite imagens na galeria.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="310"/>
        <source>&amp;Measure quality</source>
        <translation>&amp;Medir a qualidade</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="312"/>
        <source>Compares the set with the real training images of each class (EfficientNet-Lite0 features, works offline)</source>
        <translation>Compara o conjunto com as imagens reais de treino de cada classe (características da EfficientNet-Lite0, funciona sem internet)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="314"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="327"/>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="327"/>
        <source>Fréchet distance</source>
        <translation>Distância de Fréchet</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="328"/>
        <source>Real vs synthetic accuracy</source>
        <translation>Acurácia real vs. sintética</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="328"/>
        <source>Real images</source>
        <translation>Imagens reais</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="329"/>
        <source>Synthetic images</source>
        <translation>Imagens sintéticas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="329"/>
        <source>Look like their class</source>
        <translation>Parecem da sua classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="334"/>
        <source>Real vs synthetic accuracy: how often a small classifier tells a synthetic image from a real one. 50% means a classifier cannot tell them apart (good); 100% means it always can. Fréchet distance: how far the synthetic images are from the real ones in the backbone&apos;s eyes; lower is closer (compare sets of a similar size). Look like their class: how often a classifier trained on the real images labels the synthetic images as their own class; below {0:.0%} they would add pictures with wrong labels.</source>
        <translation>Acurácia real vs. sintética: com que frequência um pequeno classificador distingue uma imagem sintética de uma real. 50% significa que o classificador não consegue distingui-las (bom); 100%, que sempre consegue. Distância de Fréchet: quão longe as imagens sintéticas estão das reais aos olhos da rede base; quanto menor, mais próximas (compare conjuntos de tamanho parecido). Parecem da sua classe: com que frequência um classificador treinado com as imagens reais classifica as imagens sintéticas como da sua própria classe; abaixo de {0:.0%} elas acrescentariam imagens com rótulos errados.</translation>
    </message>
    <message>
        <source>Real vs synthetic accuracy: how often a small classifier tells a synthetic image from a real one. 50% means a classifier cannot tell them apart (good); 100% means it always can. Fréchet distance: how far the synthetic images are from the real ones in the backbone&apos;s eyes; lower is closer (compare sets of a similar size).</source>
        <translation type="vanished">Acurácia real vs. sintética: com que frequência um pequeno classificador distingue uma imagem sintética de uma real. 50% significa que o classificador não consegue distingui-las (bom); 100%, que sempre consegue. Distância de Fréchet: quão longe as imagens sintéticas estão das reais aos olhos da rede base; quanto menor, mais próximas (compare conjuntos de tamanho parecido).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="398"/>
        <source>No synthetic set chosen.</source>
        <translation>Nenhum conjunto sintético escolhido.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="404"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;: {1}.&lt;br&gt;Made by {2} ({3}, {4} px) at epoch {5} with seed {6}, from the training images of {7}. Created {8}.&lt;br&gt;Folder: {9}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;: {1}.&lt;br&gt;Criado por {2} ({3}, {4} px) na época {5} com a semente {6}, a partir das imagens de treino de {7}. Criado em {8}.&lt;br&gt;Pasta: {9}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="430"/>
        <source>Measured {0} on {1} features.</source>
        <translation>Medida em {0} com as características da {1}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="433"/>
        <source>Not measured yet.</source>
        <translation>Ainda não medido.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="469"/>
        <source>Whether the images look like their class was not checked when they were accepted.</source>
        <translation>Não se verificou, quando foram aceitas, se as imagens parecem da sua classe.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="472"/>
        <source>Look like their class (when accepted): {0}</source>
        <translation>Parecem da sua classe (quando aceitas): {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="482"/>
        <source>{0:.0%} — below {1:.0%}</source>
        <translation>{0:.0%} — abaixo de {1:.0%}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="493"/>
        <source>hard to tell apart</source>
        <translation>difíceis de distinguir</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="495"/>
        <source>sometimes told apart</source>
        <translation>às vezes distinguidas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_gallery.py" line="496"/>
        <source>easily told apart</source>
        <translation>facilmente distinguidas</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../tlstudio/gui/settings_dialog.py" line="16"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/settings_dialog.py" line="21"/>
        <source>Runs, caches and exports are saved here; the app opens on it at the next start. Your image folders are never written to.</source>
        <translation>Execuções, caches e exportações são salvos aqui; o app abre nesta pasta no próximo início. Suas pastas de imagens nunca são alteradas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/settings_dialog.py" line="23"/>
        <source>Browse…</source>
        <translation>Procurar…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/settings_dialog.py" line="28"/>
        <source>Workspace folder:</source>
        <translation>Pasta de trabalho:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/settings_dialog.py" line="34"/>
        <source>Language:</source>
        <translation>Idioma:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/settings_dialog.py" line="35"/>
        <source>A new language is used from the next start.</source>
        <translation>Um novo idioma é usado a partir do próximo início.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/settings_dialog.py" line="44"/>
        <source>Workspace folder (runs, caches, exports)</source>
        <translation>Pasta de trabalho (execuções, caches, exportações)</translation>
    </message>
</context>
<context>
    <name>StrategiesView</name>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="34"/>
        <source>No augmentation</source>
        <translation>Sem aumento de dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="34"/>
        <location filename="../../tlstudio/gui/strategies_view.py" line="37"/>
        <source>Augmentation</source>
        <translation>Aumento de dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="35"/>
        <source>Synthetic images</source>
        <translation>Imagens sintéticas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="35"/>
        <source>Augmentation + synthetic</source>
        <translation>Aumento de dados + sintéticas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="37"/>
        <source>None</source>
        <translation>Nenhuma</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="37"/>
        <source>Synthetic</source>
        <translation>Sintéticas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="38"/>
        <source>Both</source>
        <translation>As duas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="40"/>
        <source>Strategies:</source>
        <translation>Estratégias:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="43"/>
        <source>Which answer to scarce data helps with these images? The recipe shown is trained once per strategy on the same split: without augmentation, with the Augmentation tab&apos;s random changes, with the synthetic set chosen in the Synthetic images tab, and with both. All are tested on the same real test images, and each is compared with &apos;no augmentation&apos; image by image.</source>
        <translation>Qual resposta à falta de dados ajuda com estas imagens? A receita mostrada é treinada uma vez por estratégia na mesma divisão: sem aumento de dados, com as alterações aleatórias da aba Aumento de dados, com o conjunto sintético escolhido na aba Imagens sintéticas e com os dois. Todas são testadas nas mesmas imagens reais de teste, e cada uma é comparada com &apos;sem aumento de dados&apos; imagem por imagem.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="47"/>
        <source>Compare the &amp;strategies</source>
        <translation>Comparar as &amp;estratégias</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="47"/>
        <source>strategy %v of %m</source>
        <translation>estratégia %v de %m</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="48"/>
        <source>strategy %v of %m, about {0} left</source>
        <translation>estratégia %v de %m, faltam cerca de {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="48"/>
        <source>Strategy figures</source>
        <translation>Números das estratégias</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="49"/>
        <source>test accuracy (95% interval)</source>
        <translation>acurácia de teste (intervalo de 95%)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="49"/>
        <location filename="../../tlstudio/gui/strategies_view.py" line="57"/>
        <source>No comparison yet</source>
        <translation>Ainda não há comparação</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="72"/>
        <source>Same split, same {0} test images</source>
        <translation>Mesma divisão, mesmas {0} imagens de teste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="76"/>
        <source>Stopped early: {0} strategies finished.</source>
        <translation>Interrompido antes do fim: {0} estratégias concluídas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="77"/>
        <source>Note: {0}</source>
        <translation>Observação: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="78"/>
        <source>Saved in {0}</source>
        <translation>Salvo em {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="88"/>
        <source>a clear improvement</source>
        <translation>uma melhora clara</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="88"/>
        <source>clearly worse</source>
        <translation>claramente pior</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="90"/>
        <source>no difference</source>
        <translation>nenhuma diferença</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="92"/>
        <source>not a clear difference: it could be luck</source>
        <translation>não é uma diferença clara: pode ser sorte</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="93"/>
        <source>&lt;b&gt;{0}&lt;/b&gt;: {1} against {2} without ({3} points). On the same {4} test images it fixed {5} and broke {6} (p = {7}): {8}.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt;: {1} contra {2} sem ({3} pontos). Nas mesmas {4} imagens de teste, corrigiu {5} e errou {6} que antes acertava (p = {7}): {8}.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt;: {1:.1%} against {2:.1%} without ({3:+.1f} points). On the same {4} test images it fixed {5} and broke {6} (p = {7:.2g}): {8}.</source>
        <translation type="vanished">&lt;b&gt;{0}&lt;/b&gt;: {1:.1%} contra {2:.1%} sem ({3:+.1f} pontos). Nas mesmas {4} imagens de teste, corrigiu {5} e errou {6} que antes acertava (p = {7:.2g}): {8}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="101"/>
        <source>they helped</source>
        <translation>ajudaram</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="101"/>
        <source>they hurt</source>
        <translation>prejudicaram</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="102"/>
        <source>no clear difference: it could be luck</source>
        <translation>sem diferença clara: pode ser sorte</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="103"/>
        <source>not measured</source>
        <translation>não medido</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="104"/>
        <source>{0:.0%} look like {1}</source>
        <translation>{0:.0%} parecem {1}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="105"/>
        <source>&lt;b&gt;Synthetic images for {0}&lt;/b&gt;: recall {1:.1%} without, {2:.1%} with; on its {3} test images they fixed {4} and broke {5} (p = {6:.2g}): {7}. Of the set&apos;s images of this class, {8}.</source>
        <translation>&lt;b&gt;Imagens sintéticas para {0}&lt;/b&gt;: sensibilidade {1:.1%} sem, {2:.1%} com; nas suas {3} imagens de teste acertaram {4} a mais e erraram {5} a mais (p = {6:.2g}): {7}. Das imagens do conjunto desta classe, {8}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="111"/>
        <source>Strategy</source>
        <translation>Estratégia</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="111"/>
        <source>Training images (real + synthetic)</source>
        <translation>Imagens de treino (reais + sintéticas)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="111"/>
        <source>Test accuracy</source>
        <translation>Acurácia de teste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="112"/>
        <source>95% interval</source>
        <translation>Intervalo de 95%</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="112"/>
        <source>Balanced accuracy</source>
        <translation>Acurácia balanceada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="112"/>
        <source>Macro F1</source>
        <translation>F1 macro</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="113"/>
        <source>Recall of {0}</source>
        <translation>Revocação de {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/strategies_view.py" line="114"/>
        <source>Fixed / broken vs none</source>
        <translation>Corrigidas / pioradas vs. nenhuma</translation>
    </message>
</context>
<context>
    <name>StudiesStudio</name>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="60"/>
        <source>Tick at least one recipe for the learning curve.</source>
        <translation>Marque pelo menos uma receita para a curva de aprendizado.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="61"/>
        <source>Cannot draw the learning curve</source>
        <translation>Não é possível traçar a curva de aprendizado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="61"/>
        <source>Drawing the learning curve…</source>
        <translation>Traçando a curva de aprendizado…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="69"/>
        <source>Learning curve finished: {0} models trained.</source>
        <translation>Curva de aprendizado concluída: {0} modelos treinados.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="70"/>
        <source>Learning curve finished.</source>
        <translation>Curva de aprendizado concluída.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="74"/>
        <source>Learning curve stopped: the models trained so far are shown.</source>
        <translation>Curva de aprendizado interrompida: são mostrados os modelos treinados até agora.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="75"/>
        <source>Learning curve stopped.</source>
        <translation>Curva de aprendizado interrompida.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="81"/>
        <source>Tick at least one recipe to cross-validate.</source>
        <translation>Marque pelo menos uma receita para a validação cruzada.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="89"/>
        <source>Cannot cross-validate</source>
        <translation>Não é possível fazer a validação cruzada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="89"/>
        <source>Cross-validating…</source>
        <translation>Fazendo a validação cruzada…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="94"/>
        <source>Cross-validation finished: {0} models trained.</source>
        <translation>Validação cruzada concluída: {0} modelos treinados.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="95"/>
        <source>Cross-validation finished.</source>
        <translation>Validação cruzada concluída.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="99"/>
        <source>Cross-validation stopped: the folds finished so far are shown.</source>
        <translation>Validação cruzada interrompida: são mostradas as partes concluídas até agora.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="100"/>
        <source>Cross-validation stopped.</source>
        <translation>Validação cruzada interrompida.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="108"/>
        <source>Tick at least one strategy to compare.</source>
        <translation>Marque pelo menos uma estratégia para comparar.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="116"/>
        <source>Cannot compare the strategies</source>
        <translation>Não é possível comparar as estratégias</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="116"/>
        <source>Comparing the strategies…</source>
        <translation>Comparando as estratégias…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="121"/>
        <source>Strategies compared: {0} models trained.</source>
        <translation>Estratégias comparadas: {0} modelos treinados.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="122"/>
        <source>Strategies compared.</source>
        <translation>Estratégias comparadas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="126"/>
        <source>Comparison stopped: the strategies finished so far are shown.</source>
        <translation>Comparação interrompida: são mostradas as estratégias concluídas até agora.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_controller.py" line="127"/>
        <source>Comparison of strategies stopped.</source>
        <translation>Comparação de estratégias interrompida.</translation>
    </message>
</context>
<context>
    <name>Studio</name>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="86"/>
        <source>Loading TensorFlow…</source>
        <translation>Carregando o TensorFlow…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="92"/>
        <source>Ready ({0})</source>
        <translation>Pronto ({0})</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="55"/>
        <source>TensorFlow could not be loaded</source>
        <translation>Não foi possível carregar o TensorFlow</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/controller.py" line="77"/>
        <source>Something did not work</source>
        <translation>Algo não funcionou</translation>
    </message>
</context>
<context>
    <name>StudyView</name>
    <message>
        <location filename="../../tlstudio/gui/study_view.py" line="63"/>
        <source>Recipes:</source>
        <translation>Receitas:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/study_view.py" line="66"/>
        <source>Sto&amp;p</source>
        <translation>&amp;Parar</translation>
    </message>
</context>
<context>
    <name>SynthPanel</name>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="47"/>
        <source>DCGAN (conditional GAN)</source>
        <extracomment>One colour per loss name, in the order they first appear.</extracomment>
        <translation>DCGAN (GAN condicional)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="48"/>
        <source>VAE (variational autoencoder)</source>
        <translation>VAE (autoencoder variacional)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="53"/>
        <source>Two networks compete: one makes images, one spots fakes. Sharper images, but training can be unsteady.</source>
        <translation>Duas redes competem: uma cria imagens, a outra detecta as falsas. Imagens mais nítidas, mas o treino pode ser instável.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="56"/>
        <source>Learns to squeeze images into a few numbers and rebuild them. Simpler and steadier, but the images are blurrier.</source>
        <translation>Aprende a comprimir imagens em poucos números e a reconstruí-las. Mais simples e estável, mas as imagens ficam mais borradas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="63"/>
        <source>generator</source>
        <translation>gerador</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="64"/>
        <source>discriminator</source>
        <translation>discriminador</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="65"/>
        <source>reconstruction</source>
        <translation>reconstrução</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="66"/>
        <source>KL divergence</source>
        <translation>divergência KL</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="67"/>
        <source>total</source>
        <translation>total</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="72"/>
        <source>finished</source>
        <translation>concluído</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="73"/>
        <source>stopped</source>
        <translation>interrompido</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="74"/>
        <source>training</source>
        <translation>treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="75"/>
        <source>interrupted</source>
        <translation>interrompido no meio</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="76"/>
        <source>failed</source>
        <translation>falhou</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="173"/>
        <location filename="../../tlstudio/gui/synth_panel.py" line="194"/>
        <source>Generator</source>
        <translation>Gerador</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="175"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="177"/>
        <source>Image &amp;size:</source>
        <translation>Tamanho da &amp;imagem:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="178"/>
        <source>&amp;Epochs:</source>
        <translation>Ép&amp;ocas:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="179"/>
        <source>S&amp;eed:</source>
        <translation>Se&amp;mente:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="180"/>
        <source>One generator learns every class of the open image folder, from the training images of its split only: validation and test images stay unseen.</source>
        <translation>Um gerador aprende todas as classes da pasta de imagens aberta, só a partir das imagens de treino da divisão: as imagens de validação e de teste continuam sem ser vistas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="183"/>
        <source>Start &amp;training the generator</source>
        <translation>Iniciar o &amp;treino do gerador</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="185"/>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="187"/>
        <source>Stops after the current batch; the last epoch&apos;s checkpoint is kept</source>
        <translation>Para depois do lote atual; o ponto de controle da última época é mantido</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="194"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="194"/>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="194"/>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="197"/>
        <location filename="../../tlstudio/gui/synth_panel.py" line="211"/>
        <source>Generators in the workspace</source>
        <translation>Geradores na pasta de trabalho</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="202"/>
        <source>&amp;Continue training</source>
        <translation>&amp;Continuar o treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="203"/>
        <source>Train the chosen generator on from its last checkpoint, up to the epochs set above</source>
        <translation>Continua o treino do gerador escolhido a partir do último ponto de controle, até as épocas definidas acima</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="205"/>
        <source>Open in &amp;gallery</source>
        <translation>Abrir na &amp;galeria</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="226"/>
        <location filename="../../tlstudio/gui/synth_panel.py" line="363"/>
        <source>Not training.</source>
        <translation>Sem treino em andamento.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="233"/>
        <source>Losses</source>
        <translation>Perdas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="235"/>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="236"/>
        <source>loss</source>
        <translation>perda</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="243"/>
        <source>Samples appear here after each epoch: one row per class, from the same random numbers every epoch, so you can watch them improve.</source>
        <translation>Amostras aparecem aqui depois de cada época: uma linha por classe, a partir dos mesmos números aleatórios em todas as épocas, para você acompanhar a melhora.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="246"/>
        <source>Samples</source>
        <translation>Amostras</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="126"/>
        <source>Training</source>
        <translation>Treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="127"/>
        <source>Gallery</source>
        <translation>Galeria</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="128"/>
        <source>Accepted sets</source>
        <translation>Conjuntos aceitos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="316"/>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="317"/>
        <source>The first samples appear when the first epoch ends.</source>
        <translation>As primeiras amostras aparecem quando a primeira época terminar.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="322"/>
        <location filename="../../tlstudio/gui/synth_panel.py" line="330"/>
        <location filename="../../tlstudio/gui/synth_panel.py" line="361"/>
        <source>epoch {0} of {1}</source>
        <translation>época {0} de {1}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="332"/>
        <source>No samples saved yet.</source>
        <translation>Ainda não há amostras salvas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="373"/>
        <source>{0}
Classes: {1}
Created: {2}</source>
        <translation>{0}
Classes: {1}
Criado em: {2}</translation>
    </message>
</context>
<context>
    <name>SynthStudio</name>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="164"/>
        <source>Could not generate images</source>
        <extracomment>Per class, the class a classifier trained on the real training images gives each image (None when that could not be measured: ``consistency_error`` says why).</extracomment>
        <translation>Não foi possível gerar imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="165"/>
        <source>Could not store the accepted images</source>
        <translation>Não foi possível guardar as imagens aceitas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="166"/>
        <source>Could not measure the quality</source>
        <translation>Não foi possível medir a qualidade</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="186"/>
        <source>Choose an image folder first (Dataset tab).</source>
        <translation>Escolha primeiro uma pasta de imagens (aba Dados).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="209"/>
        <source>Cannot train a generator</source>
        <translation>Não é possível treinar um gerador</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="211"/>
        <source>Training a {0} generator…</source>
        <translation>Treinando um gerador {0}…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="225"/>
        <source>This generator has already trained {0} epochs.</source>
        <translation>Este gerador já treinou {0} épocas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="226"/>
        <source>Set more epochs than that, then continue.</source>
        <translation>Defina mais épocas do que isso e depois continue.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="228"/>
        <source>Cannot continue this generator</source>
        <translation>Não é possível continuar este gerador</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="231"/>
        <source>Continuing {0} from its last checkpoint…</source>
        <translation>Continuando {0} do último ponto de controle…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="239"/>
        <source>A model is training (Training tab).</source>
        <translation>Um modelo está treinando (aba Treino).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="240"/>
        <source>Wait for it to finish or stop it, then train the generator.</source>
        <translation>Espere terminar ou interrompa-o e depois treine o gerador.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="246"/>
        <source>The generator&apos;s settings (config.json) cannot be read.</source>
        <translation>As configurações do gerador (config.json) não podem ser lidas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="247"/>
        <source>The folder may have been moved or deleted; pick another generator.</source>
        <translation>A pasta pode ter sido movida ou apagada; escolha outro gerador.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="252"/>
        <source>The generator&apos;s settings (config.json) are damaged.</source>
        <translation>As configurações do gerador (config.json) estão danificadas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="253"/>
        <source>Train a new generator.</source>
        <translation>Treine um novo gerador.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="266"/>
        <source>Stopping the generator after this batch…</source>
        <translation>Parando o gerador depois deste lote…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="284"/>
        <source>Generator trained: {0} epochs. Open it in the gallery to make images.</source>
        <translation>Gerador treinado: {0} épocas. Abra-o na galeria para criar imagens.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="289"/>
        <source>Stopped after epoch {0}. The checkpoint is kept: Continue training picks up from there.</source>
        <translation>Interrompido depois da época {0}. O ponto de controle foi mantido: Continuar o treino recomeça dali.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="302"/>
        <source>The generator&apos;s training stopped with an error.</source>
        <translation>O treino do gerador parou com um erro.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="303"/>
        <source>Generator training stopped</source>
        <translation>Treino do gerador interrompido</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="317"/>
        <source>Cannot list the generators</source>
        <translation>Não é possível listar os geradores</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="355"/>
        <source>Choose a generator that has finished at least one epoch.</source>
        <translation>Escolha um gerador que tenha concluído pelo menos uma época.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="356"/>
        <source>Train a generator first, or pick one in the list.</source>
        <translation>Treine um gerador primeiro ou escolha um na lista.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="357"/>
        <source>Cannot generate images</source>
        <translation>Não é possível gerar imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="359"/>
        <source>Generating {0} images per class…</source>
        <translation>Gerando {0} imagens por classe…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="373"/>
        <source>No image is checked.</source>
        <translation>Nenhuma imagem está marcada.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="374"/>
        <source>Check the images to keep, then accept them.</source>
        <translation>Marque as imagens que quer manter e depois aceite-as.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="375"/>
        <source>Nothing to accept</source>
        <translation>Nada a aceitar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="377"/>
        <source>Storing {0} images…</source>
        <translation>Guardando {0} imagens…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="391"/>
        <source>Cannot list the synthetic sets</source>
        <translation>Não é possível listar os conjuntos sintéticos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="411"/>
        <source>Measuring the quality of {0}…</source>
        <translation>Medindo a qualidade de {0}…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="418"/>
        <source>Quality measurement cancelled.</source>
        <translation>Medição de qualidade cancelada.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="428"/>
        <source>{0} images made by {1} (epoch {2}, seed {3}). Click the ones to leave out.</source>
        <translation>{0} imagens criadas por {1} (época {2}, semente {3}). Clique nas que devem ficar de fora.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="431"/>
        <source>Whether they look like their class could not be checked: {0}</source>
        <translation>Não foi possível verificar se parecem da sua classe: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="439"/>
        <source>{0} images accepted into {1}.</source>
        <translation>{0} imagens aceitas em {1}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_controller.py" line="440"/>
        <source>Synthetic set stored in {0}.</source>
        <translation>Conjunto sintético guardado em {0}.</translation>
    </message>
</context>
<context>
    <name>SyntheticRunBox</name>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="397"/>
        <source>Synthetic set</source>
        <translation>Conjunto sintético</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="398"/>
        <source>An accepted synthetic set (Synthetic images tab), or none</source>
        <translation>Um conjunto sintético aceito (aba Imagens sintéticas) ou nenhum</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="405"/>
        <source> per real</source>
        <translation> por real</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="406"/>
        <source>Synthetic images per real training image</source>
        <translation>Imagens sintéticas por imagem real de treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="407"/>
        <source>Synthetic images added per real training image of each class (0 to 5)</source>
        <translation>Imagens sintéticas acrescentadas por imagem real de treino de cada classe (0 a 5)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="408"/>
        <source>For training only, never for validation or test.</source>
        <translation>Só para o treino, nunca para validação nem teste.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="439"/>
        <source>{0} ({1} images)</source>
        <translation>{0} ({1} imagens)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/synth_panel.py" line="437"/>
        <source>None</source>
        <translation>Nenhum</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="81"/>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="85"/>
        <source>training</source>
        <translation>treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="89"/>
        <source>validation</source>
        <translation>validação</translation>
    </message>
    <message>
        <source>fine-tuning starts</source>
        <translation type="vanished">início do ajuste fino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="183"/>
        <source>same as above</source>
        <translation>igual ao de cima</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="206"/>
        <source>off</source>
        <translation>desligada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="207"/>
        <source>Softens the training targets so the network is not pushed to be ever more certain; 0.1 usually helps a little. 0 turns it off.</source>
        <translation>Suaviza os alvos do treino para que a rede não seja empurrada a ter cada vez mais certeza; 0,1 costuma ajudar um pouco. 0 desliga.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="211"/>
        <source>Lowered gradually (cosine)</source>
        <translation>Reduzida aos poucos (cosseno)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="210"/>
        <source>Constant</source>
        <translation>Constante</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="212"/>
        <source>Cosine starts each phase at the learning rate above and lowers it smoothly to 0 by its last epoch: big steps first, small ones to settle.</source>
        <translation>O cosseno começa cada fase na taxa de aprendizado acima e a reduz suavemente até 0 na última época: passos grandes primeiro, pequenos para assentar.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="214"/>
        <source>Give rare classes more &amp;weight</source>
        <translation>Dar mais peso às classes &amp;raras</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="215"/>
        <source>Also write Tensor&amp;Board logs</source>
        <translation>Gravar também registros do Tensor&amp;Board</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="217"/>
        <source>Loss and accuracy per epoch in the run&apos;s tensorboard folder, for viewing with: tensorboard --logdir RUN_FOLDER</source>
        <translation>Perda e acurácia por época na pasta tensorboard da execução, para ver com: tensorboard --logdir PASTA_DA_EXECUCAO</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="221"/>
        <source>Needs the tensorboard package (pip install tensorboard).</source>
        <translation>Requer o pacote tensorboard (pip install tensorboard).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="229"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="231"/>
        <source>&amp;Epochs:</source>
        <translation>Ép&amp;ocas:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="232"/>
        <source>Fine-tune e&amp;pochs:</source>
        <translation>Épocas de ajuste &amp;fino:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="233"/>
        <source>&amp;Batch size:</source>
        <translation>Tamanho do &amp;lote:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="234"/>
        <source>&amp;Learning rate:</source>
        <translation>&amp;Taxa de aprendizado:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="235"/>
        <source>Learning-rate sched&amp;ule:</source>
        <translation>Pro&amp;gramação da taxa:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="236"/>
        <source>Fine-tune rate &amp;factor:</source>
        <translation>Fator da taxa no a&amp;juste fino:</translation>
    </message>
    <message>
        <source>Pa&amp;tience:</source>
        <translation type="vanished">Paciê&amp;ncia:</translation>
    </message>
    <message>
        <source>Label s&amp;moothing:</source>
        <translation type="vanished">S&amp;uavização de rótulos:</translation>
    </message>
    <message>
        <source>Augmented &amp;views:</source>
        <translation type="vanished">&amp;Vistas aumentadas:</translation>
    </message>
    <message>
        <source>See&amp;d:</source>
        <translation type="vanished">Se&amp;mente:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="244"/>
        <source>S&amp;ynthetic images:</source>
        <translation>Imagens &amp;sintéticas:</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="248"/>
        <source>Training stops early when validation accuracy has not improved for &apos;patience&apos; epochs, and keeps the best epoch.</source>
        <translation>O treino para antes quando a acurácia de validação não melhora por &apos;paciência&apos; épocas, e fica com a melhor época.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="106"/>
        <source>&amp;Start training</source>
        <translation>&amp;Iniciar treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="108"/>
        <source>S&amp;top</source>
        <translation>&amp;Parar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="110"/>
        <source>&amp;Compare all three</source>
        <translation>&amp;Comparar os três</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="350"/>
        <source>Train from scratch, transfer and fine-tune on the same split, one after the other</source>
        <translation>Treina do zero, por transferência e com ajuste fino na mesma divisão, um depois do outro</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="116"/>
        <source>Device: loading TensorFlow…</source>
        <translation>Dispositivo: carregando o TensorFlow…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="93"/>
        <source>Dashed line: fine-tuning starts (the layers from the cutoff on train from there, at a lower learning rate).</source>
        <translation>Linha tracejada: começa o ajuste fino (as camadas a partir do corte treinam dali em diante, com uma taxa de aprendizado menor).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="117"/>
        <location filename="../../tlstudio/gui/training_panel.py" line="368"/>
        <location filename="../../tlstudio/gui/training_panel.py" line="448"/>
        <source>Not running.</source>
        <translation>Nada em execução.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="122"/>
        <location filename="../../tlstudio/gui/training_panel.py" line="411"/>
        <source>batch %v of %m</source>
        <translation>lote %v de %m</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="132"/>
        <source>Training messages</source>
        <translation>Mensagens do treino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="196"/>
        <source> epochs</source>
        <translation> épocas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="197"/>
        <source>How many epochs in a row may pass without a better validation accuracy before training stops early. The best epoch is kept.</source>
        <translation>Quantas épocas seguidas podem passar sem uma acurácia de validação melhor antes que o treino pare cedo. A melhor época é mantida.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="201"/>
        <source> per image</source>
        <translation> por imagem</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="224"/>
        <source>The starting number of the random choices (weights, order of the images, augmentation). The same seed and settings give the same run again; another seed shows how much a result owes to chance.</source>
        <translation>O número inicial das escolhas aleatórias (pesos, ordem das imagens, aumento de dados). A mesma semente e as mesmas configurações repetem o mesmo treino; outra semente mostra quanto um resultado deve ao acaso.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="237"/>
        <source>Pa&amp;tience (?):</source>
        <translation>Paciê&amp;ncia (?):</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="238"/>
        <source>Label s&amp;moothing (?):</source>
        <translation>S&amp;uavização de rótulos (?):</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="239"/>
        <source>Augmented &amp;views (?):</source>
        <translation>&amp;Vistas aumentadas (?):</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="240"/>
        <source>Ran&amp;dom seed (?):</source>
        <translation>Se&amp;mente aleatória (?):</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="255"/>
        <source>Loss</source>
        <translation>Perda</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="255"/>
        <source>loss</source>
        <translation>perda</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="256"/>
        <source>Accuracy</source>
        <translation>Acurácia</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="256"/>
        <source>accuracy</source>
        <translation>acurácia</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="331"/>
        <source>Epochs of the second phase of fine-tuning, after the head&apos;s epochs above. &apos;Same as above&apos;: as many as the head.</source>
        <translation>Épocas da segunda fase do ajuste fino, depois das épocas da cabeça acima. &apos;Igual ao de cima&apos;: tantas quanto as da cabeça.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="333"/>
        <source>Fine-tuning trains the unlocked layers at the learning rate times this factor (0.1: ten times slower), so the pretrained weights change gently.</source>
        <translation>O ajuste fino treina as camadas destravadas com a taxa de aprendizado vezes este fator (0,1: dez vezes mais devagar), para que os pesos pré-treinados mudem com suavidade.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="337"/>
        <source>Used only when fine-tuning (Model tab → Mode).</source>
        <translation>Usado só no ajuste fino (aba Modelo → Modo).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="341"/>
        <source>How many randomly changed copies of each training image the frozen backbone sees, once, before the head trains: more copies, more variety, a longer first step.</source>
        <translation>Quantas cópias alteradas ao acaso de cada imagem de treino o backbone congelado vê, uma vez, antes de a cabeça treinar: mais cópias, mais variedade, um primeiro passo mais longo.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="343"/>
        <source>Not used from scratch: each epoch already sees new random changes.</source>
        <translation>Não usado do zero: cada época já vê novas alterações aleatórias.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="344"/>
        <source>Not used: the augmentation is off (Augmentation tab).</source>
        <translation>Não usado: o aumento de dados está desligado (aba Aumento de dados).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="352"/>
        <source>Needs a backbone with pretrained weights (Model tab): this network has nothing to transfer or fine-tune.</source>
        <translation>Precisa de uma rede base com pesos pré-treinados (aba Modelo): esta rede não tem nada para transferir nem ajustar.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="384"/>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="391"/>
        <source>Device: {0}</source>
        <translation>Dispositivo: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="401"/>
        <source>Now: {0}</source>
        <translation>Agora: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="407"/>
        <source>epoch {0} of {1}</source>
        <translation>época {0} de {1}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="409"/>
        <source>image %v of %m</source>
        <translation>imagem %v de %m</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="409"/>
        <source>model %v of %m</source>
        <translation>modelo %v de %m</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="410"/>
        <source>fold %v of %m</source>
        <translation>parte %v de %m</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="416"/>
        <source>about {0} left</source>
        <translation>faltam cerca de {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="418"/>
        <source>estimating the time left…</source>
        <translation>estimando o tempo restante…</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/training_panel.py" line="421"/>
        <source>{0} epoch {1}: loss {2}, accuracy {3}, validation accuracy {4}</source>
        <translation>{0} época {1}: perda {2}, acurácia {3}, acurácia de validação {4}</translation>
    </message>
    <message>
        <source>{0} epoch {1}: loss {2:.3f}, accuracy {3:.1%}, validation accuracy {4:.1%}</source>
        <translation type="vanished">{0}, época {1}: perda {2:.3f}, acurácia {3:.1%}, acurácia de validação {4:.1%}</translation>
    </message>
</context>
<context>
    <name>badfiles</name>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="238"/>
        <source>The file is empty (0 bytes). Copy it again or remove it.</source>
        <extracomment>Why a file was skipped, by ``core.data.records.BadFile.code`` (core&apos;s own reason names the file and its size; the table beside it already shows the file).</extracomment>
        <translation>O arquivo está vazio (0 bytes). Copie-o de novo ou remova-o.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="239"/>
        <source>The file is damaged and cannot be read as a picture. Copy it again from the original or remove it.</source>
        <translation>O arquivo está danificado e não pode ser lido como imagem. Copie-o de novo do original ou remova-o.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="241"/>
        <source>The file is cut short (the download or copy may have been interrupted). Copy it again or remove it.</source>
        <translation>O arquivo está incompleto (o download ou a cópia pode ter sido interrompido). Copie-o de novo ou remova-o.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="243"/>
        <source>Not a picture tlstudio can open (it may be another kind of file with an image name). Save it as JPEG or PNG, or remove it.</source>
        <translation>Não é uma imagem que o tlstudio consiga abrir (pode ser outro tipo de arquivo com nome de imagem). Salve-a como JPEG ou PNG, ou remova-a.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="245"/>
        <source>The picture is too small. Use a larger version or remove it.</source>
        <translation>A imagem é pequena demais. Use uma versão maior ou remova-a.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="246"/>
        <source>The picture is larger than tlstudio opens safely; it may be damaged. Save a smaller copy or remove it.</source>
        <translation>A imagem é maior do que o tlstudio abre com segurança; pode estar danificada. Salve uma cópia menor ou remova-a.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="248"/>
        <source>tlstudio is not allowed to read the file. Give your user read permission on it, or remove it.</source>
        <translation>O tlstudio não tem permissão para ler o arquivo. Dê ao seu usuário permissão de leitura nele ou remova-o.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="250"/>
        <source>The file could not be read. Check the disk or copy the file again, or remove it.</source>
        <translation>Não foi possível ler o arquivo. Verifique o disco, copie o arquivo de novo ou remova-o.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="252"/>
        <source>A DICOM file without a picture (a report, a presentation state, a plan). Move it out of the class folder.</source>
        <translation>Um arquivo DICOM sem imagem (um laudo, um estado de apresentação, um plano). Tire-o da pasta da classe.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="254"/>
        <source>A picture format or compression tlstudio cannot decode here (the English message names what would read it). Export it as PNG, JPEG or uncompressed DICOM, or remove it.</source>
        <translation>Um formato de imagem ou compressão que o tlstudio não decodifica aqui (a mensagem em inglês diz o que a leria). Exporte como PNG, JPEG ou DICOM sem compressão, ou remova.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="257"/>
        <source>A named pipe, socket or device, not a picture file: tlstudio does not read it. Remove it, or replace it with the picture.</source>
        <translation>Um pipe nomeado, soquete ou dispositivo, não um arquivo de imagem: o tlstudio não o lê. Remova-o ou substitua-o pela imagem.</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="24"/>
        <source>Checking the images</source>
        <extracomment>Messages core sends as they are (train.py, curve.py, crossval.py, synth.py, augment.py&apos;s preset reasons and label warnings) and backbones.py&apos;s and strategies.py&apos;s words.</extracomment>
        <translation>Verificando as imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="25"/>
        <source>Building the network</source>
        <translation>Montando a rede</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="26"/>
        <source>Computing backbone features once (cached)</source>
        <translation>Calculando as características da rede base uma única vez (guardadas em cache)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="27"/>
        <source>Training the head (backbone frozen)</source>
        <translation>Treinando a cabeça (rede base congelada)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="28"/>
        <source>Testing on images the model has never seen</source>
        <translation>Testando em imagens que o modelo nunca viu</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="29"/>
        <source>Saving the run</source>
        <translation>Salvando a execução</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="30"/>
        <source>Measuring calibration (temperature fitted on the validation images)</source>
        <translation>Medindo a calibração (temperatura calculada nas imagens de validação)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="31"/>
        <source>Stopped. The run folder keeps the last checkpoint; it can be resumed.</source>
        <translation>Interrompido. A pasta da execução guarda o último ponto de controle; ela pode ser retomada.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="32"/>
        <source>Training the whole network on the images</source>
        <translation>Treinando a rede inteira com as imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="33"/>
        <source>Fine-tuning on the images</source>
        <translation>Fazendo o ajuste fino com as imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="34"/>
        <source>Small CNN (from scratch)</source>
        <translation>CNN pequena (do zero)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="35"/>
        <source>Three convolution and pooling layers trained from random weights: the baseline to beat</source>
        <translation>Três camadas de convolução e agrupamento treinadas a partir de pesos aleatórios: a referência a ser superada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="36"/>
        <source>A plain stack of 13 convolutions in 5 blocks; large, slow, and a reliable feature extractor</source>
        <translation>Uma pilha simples de 13 convoluções em 5 blocos; grande, lenta e um extrator de características confiável</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="37"/>
        <source>50 layers with skip connections; strong general features, heavier to run</source>
        <translation>50 camadas com conexões residuais; boas características gerais, mais pesada de executar</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="38"/>
        <source>Small and fast, made for phones; a good choice on an ordinary computer</source>
        <translation>Pequena e rápida, feita para celulares; uma boa escolha num computador comum</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="39"/>
        <source>Accurate for its size; a bit slower than MobileNetV2 on a processor</source>
        <translation>Precisa para o seu tamanho; um pouco mais lenta que a MobileNetV2 num processador</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="40"/>
        <source>EfficientNet simplified for speed (no squeeze-and-excite, ReLU6); its ImageNet weights come with tlstudio</source>
        <translation>EfficientNet simplificada para ganhar velocidade (sem squeeze-and-excite, ReLU6); seus pesos ImageNet vêm com o tlstudio</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="43"/>
        <source>No augmentation</source>
        <translation>Sem aumento de dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="44"/>
        <source>Augmentation</source>
        <translation>Aumento de dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="45"/>
        <source>Synthetic images</source>
        <translation>Imagens sintéticas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="46"/>
        <source>Augmentation + synthetic</source>
        <translation>Aumento de dados + sintéticas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="48"/>
        <source>Loading the feature extractor</source>
        <translation>Carregando o extrator de características</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="50"/>
        <source>This is a label conflict, not leakage: the model is taught two answers for one picture, and a test copy is marked wrong whichever it answers, so it lowers accuracy rather than inflating it. Fix the labels, or leave the copies out (label conflicts: exclude, or keep one copy).</source>
        <translation>Isto é um conflito de rótulo, não vazamento: o modelo aprende duas respostas para uma imagem, e uma cópia no teste é marcada como erro qualquer que seja a resposta, então isso reduz a acurácia em vez de inflá-la. Corrija os rótulos, ou deixe as cópias de fora (conflitos de rótulo: excluir, ou manter uma cópia).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="54"/>
        <source>Test accuracy is too optimistic: the model is tested on pictures it trained on. Remove the copies or keep them in one split.</source>
        <translation>A acurácia de teste fica otimista demais: o modelo é testado em imagens com que treinou. Remova as cópias ou mantenha-as numa só parte da divisão.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="56"/>
        <source>One test split then holds only a few of their pictures, so the figures can swing by many points by chance; cross-validation shows that spread.</source>
        <translation>Uma divisão de teste guarda então só algumas dessas imagens, e os números podem variar muitos pontos por acaso; a validação cruzada mostra essa variação.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="58"/>
        <source>They are in no figure; a class that lost many is smaller than its folder suggests.</source>
        <translation>Eles não entram em nenhum número; uma classe que perdeu muitos é menor do que a pasta sugere.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="59"/>
        <source>If they belong to patients with other pictures, a patient seen in training can be in the test, and test accuracy is too optimistic.</source>
        <translation>Se pertencem a pacientes com outras imagens, um paciente visto no treino pode estar no teste, e a acurácia de teste fica otimista demais.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="61"/>
        <source>The figures are of the pictures kept.</source>
        <translation>Os números são das imagens mantidas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="62"/>
        <source>Labelling the synthetic images with a classifier trained on the real ones</source>
        <translation>Classificando as imagens sintéticas com um classificador treinado com as reais</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="64"/>
        <source>Upside-down flips on chest X-rays make images that never occur: anatomy has an orientation (lungs above the diaphragm). Switch &apos;Flip upside down&apos; off.</source>
        <translation>Virar radiografias de tórax de cabeça para baixo cria imagens que nunca ocorrem: a anatomia tem uma orientação (pulmões acima do diafragma). Desligue &apos;Virar de cabeça para baixo&apos;.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="66"/>
        <source>Left-right flips on chest X-rays put the heart on the right, which is dextrocardia, a different finding. Switch &apos;Flip left-right&apos; off unless side does not matter.</source>
        <translation>Espelhar radiografias de tórax põe o coração à direita, o que é dextrocardia, outro achado. Desligue &apos;Espelhar esquerda–direita&apos;, a menos que o lado não importe.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="68"/>
        <source>Strong brightness or contrast changes alter a lesion&apos;s colours, and colour carries meaning in dermoscopy (e.g. a blue-white veil). Keep both at ±10% or less.</source>
        <translation>Mudanças fortes de brilho ou contraste alteram as cores de uma lesão, e a cor tem significado na dermatoscopia (p. ex. um véu azul-esbranquiçado). Mantenha ambos em ±10% ou menos.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="70"/>
        <source>Blur softens a lesion&apos;s border, and a sharp or blurred border is a diagnostic sign in dermoscopy. Switch blur off.</source>
        <translation>O desfoque suaviza a borda de uma lesão, e uma borda nítida ou borrada é um sinal diagnóstico na dermatoscopia. Desligue o desfoque.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="72"/>
        <source>Upside-down flips make photos that rarely occur (the sky below); switch them off unless the pictures are taken from above.</source>
        <translation>Virar de cabeça para baixo cria fotos que raramente ocorrem (o céu embaixo); desligue, a menos que as fotos sejam tiradas de cima.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="74"/>
        <source>flips</source>
        <translation>espelhamentos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="76"/>
        <source>Every training image is used as it is. Useful as the baseline that shows what augmentation adds.</source>
        <translation>Cada imagem de treino é usada como está. Útil como referência que mostra o que o aumento de dados acrescenta.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="78"/>
        <source>Left-right flips are on: a mirrored dog or flower is still a dog or a flower.</source>
        <translation>Espelhamento esquerda–direita ligado: um cachorro ou uma flor espelhados continuam sendo um cachorro ou uma flor.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="79"/>
        <source>Upside-down flips are off: in photos the sky is above and the ground below, and the model never has to recognise an upside-down scene.</source>
        <translation>Virar de cabeça para baixo desligado: nas fotos o céu fica em cima e o chão embaixo, e o modelo nunca precisa reconhecer uma cena de cabeça para baixo.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="81"/>
        <source>Small rotations (±10°) only: photos are held slightly tilted, rarely more.</source>
        <translation>Só rotações pequenas (±10°): as fotos saem levemente inclinadas, raramente mais.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="82"/>
        <source>Zoom and shift: the same subject is framed closer, further or off-centre from photo to photo.</source>
        <translation>Zoom e deslocamento: o mesmo objeto é enquadrado mais perto, mais longe ou fora do centro de uma foto para outra.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="84"/>
        <source>Brightness and contrast ±20%: light changes with the time of day, the weather and the camera.</source>
        <translation>Brilho e contraste ±20%: a luz muda com a hora do dia, o tempo e a câmera.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="86"/>
        <source>Small cut-out patches on a quarter of the images: the subject is often partly hidden, and the model should not rely on one small part of it.</source>
        <translation>Pequenos recortes em um quarto das imagens: o objeto muitas vezes está parcialmente escondido, e o modelo não deve depender de uma pequena parte dele.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="88"/>
        <source>Upside-down flips are off: anatomy has an orientation (the lungs are above the diaphragm), and an upside-down film never occurs.</source>
        <translation>Virar de cabeça para baixo desligado: a anatomia tem uma orientação (os pulmões ficam acima do diafragma), e um filme de cabeça para baixo nunca ocorre.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="90"/>
        <source>Left-right flips are off: the heart lies on the left; a mirrored film looks like dextrocardia, a different finding, and the side markers would be reversed.</source>
        <translation>Espelhamento esquerda–direita desligado: o coração fica à esquerda; um filme espelhado parece dextrocardia, outro achado, e os marcadores de lado ficariam invertidos.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="92"/>
        <source>Small rotations (±5°) only: patients are positioned upright against the detector, so only a slight tilt occurs.</source>
        <translation>Só rotações pequenas (±5°): os pacientes ficam em pé junto ao detector, então só ocorre uma leve inclinação.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="94"/>
        <source>Slight zoom and shift: the patient&apos;s distance to and position on the detector vary a little.</source>
        <translation>Zoom e deslocamento leves: a distância e a posição do paciente em relação ao detector variam um pouco.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="96"/>
        <source>Mild brightness and contrast (±10%): exposure differs between machines and patients.</source>
        <translation>Brilho e contraste moderados (±10%): a exposição varia entre aparelhos e pacientes.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="97"/>
        <source>No blur and no cut-out: a small nodule or a fine line can be the whole finding, and blurring or covering it would change what the image shows.</source>
        <translation>Sem desfoque e sem recorte: um pequeno nódulo ou uma linha fina pode ser todo o achado, e desfocá-lo ou cobri-lo mudaria o que a imagem mostra.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="99"/>
        <source>All flips and rotations are safe: a lesion seen through the dermatoscope has no up or down and no left or right.</source>
        <translation>Todos os espelhamentos e rotações são seguros: uma lesão vista pelo dermatoscópio não tem cima nem baixo, nem esquerda nem direita.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="101"/>
        <source>Slight zoom: the dermatoscope is held at slightly different distances.</source>
        <translation>Zoom leve: o dermatoscópio é segurado a distâncias um pouco diferentes.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="102"/>
        <source>Only small brightness and contrast changes (±5%): colour carries meaning (blue-white veil, regression areas), so colours must stay close to the real ones.</source>
        <translation>Só pequenas mudanças de brilho e contraste (±5%): a cor tem significado (véu azul-esbranquiçado, áreas de regressão), então as cores devem ficar próximas das reais.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="104"/>
        <source>No blur: the sharpness of a lesion&apos;s border is a diagnostic sign.</source>
        <translation>Sem desfoque: a nitidez da borda de uma lesão é um sinal diagnóstico.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="105"/>
        <source>No cut-out: a patch could hide the lesion or the structure that decides its class.</source>
        <translation>Sem recorte: um recorte poderia esconder a lesão ou a estrutura que decide sua classe.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="106"/>
        <source>All flips and rotations are safe: a slide has no up or down, cells lie in every direction.</source>
        <translation>Todos os espelhamentos e rotações são seguros: uma lâmina não tem cima nem baixo, as células ficam em todas as direções.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="108"/>
        <source>Zoom and shift: cells appear anywhere in the field of view and at slightly different sizes.</source>
        <translation>Zoom e deslocamento: as células aparecem em qualquer lugar do campo de visão e em tamanhos um pouco diferentes.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="110"/>
        <source>Brightness and contrast (±10%, ±15%): staining and illumination differ from slide to slide.</source>
        <translation>Brilho e contraste (±10%, ±15%): a coloração e a iluminação variam de lâmina para lâmina.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="112"/>
        <source>Slight blur on some images: the focus varies across a slide and between slides.</source>
        <translation>Desfoque leve em algumas imagens: o foco varia ao longo de uma lâmina e entre lâminas.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="113"/>
        <source>No cut-out: a patch could hide the few cells that decide the class.</source>
        <translation>Sem recorte: um recorte poderia esconder as poucas células que decidem a classe.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="115"/>
        <source>No images are kept aside for testing (test fraction 0): a model trained on this split cannot be tested, and training refuses to start. Set a test share of 0.15 or more.</source>
        <translation>Nenhuma imagem é separada para teste (fração de teste 0): um modelo treinado nesta divisão não pode ser testado, e o treino se recusa a começar. Defina uma parcela de teste de 0,15 ou mais.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="122"/>
        <source>Test accuracy {0}</source>
        <extracomment>Messages of core with names or numbers in them: the pattern core&apos;s message matches, and the translatable text whose ``{0}``, ``{1}``… are the pattern&apos;s groups, in order.</extracomment>
        <translation>Acurácia de teste de {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="123"/>
        <source>Training on {0}</source>
        <translation>Treinando em {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="124"/>
        <source>Resuming after {0} finished epochs</source>
        <translation>Retomando depois de {0} épocas concluídas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="126"/>
        <source>Computing the frozen layers&apos; outputs once (up to {0})</source>
        <translation>Calculando as saídas das camadas congeladas uma única vez (até {0})</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="128"/>
        <source>Fine-tuning from {0} at a {1}x lower learning rate</source>
        <translation>Ajuste fino a partir de {0} com uma taxa de aprendizado {1}x menor</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="130"/>
        <source>Calibration: temperature {0}, expected calibration error {1} before scaling, {2} after</source>
        <translation>Calibração: temperatura {0}, erro de calibração esperado de {1} antes do ajuste e {2} depois</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="132"/>
        <source>Strategy {0} of {1}: {2}</source>
        <translation>Estratégia {0} de {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="134"/>
        <source>Adding {0} synthetic images to the {1} real training images (never to validation or test)</source>
        <translation>Acrescentando {0} imagens sintéticas às {1} imagens reais de treino (nunca às de validação ou teste)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="137"/>
        <source>Resuming the generator in {0}</source>
        <translation>Retomando o gerador em {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="139"/>
        <source>Reading {0} training images at {1} x {2}</source>
        <translation>Lendo {0} imagens de treino em {1} x {2}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="141"/>
        <source>Training a {0} on {1} images of {2} classes</source>
        <translation>Treinando uma {0} com {1} imagens de {2} classes</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="142"/>
        <source>Epoch {0}/{1} {2}</source>
        <translation>Época {0}/{1} {2}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="143"/>
        <source>Finished all {0} epochs</source>
        <translation>Todas as {0} épocas concluídas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="145"/>
        <source>Measuring {0}: {1} real and {2} synthetic images</source>
        <translation>Medindo {0}: {1} imagens reais e {2} sintéticas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="149"/>
        <source>Rotations up to ±{0}° on chest X-rays go beyond how patients are positioned; keep them within ±{1}° (±5° is usual).</source>
        <translation>Rotações de até ±{0}° em radiografias de tórax vão além de como os pacientes são posicionados; mantenha-as dentro de ±{1}° (±5° é o usual).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="153"/>
        <source>Blur up to {0} pixels can erase a small nodule or a fine line on an X-ray, which may be the finding itself.</source>
        <translation>Um desfoque de até {0} pixels pode apagar um pequeno nódulo ou uma linha fina numa radiografia, que pode ser o próprio achado.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="157"/>
        <source>Cut-out patches up to {0} of the side can hide the small finding that gives an image its class, so the image would then carry a wrong label.</source>
        <translation>Recortes de até {0} do lado podem esconder o pequeno achado que dá a classe a uma imagem, e a imagem ficaria então com o rótulo errado.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="161"/>
        <source>The classes {0} name a side: a left-right flip turns one side into the other, so the flipped image carries the wrong label.</source>
        <translation>As classes {0} indicam um lado: espelhar esquerda–direita transforma um lado no outro, e a imagem espelhada fica com o rótulo errado.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="164"/>
        <source>The classes {0} name a direction: upside-down flips and large rotations turn one into the other.</source>
        <translation>As classes {0} indicam uma direção: virar de cabeça para baixo e rotações grandes transformam uma na outra.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="168"/>
        <source>The classes ({0}) look like digits, letters or text: {1} can turn one into another (here {2}) or into no symbol at all.</source>
        <translation>As classes ({0}) parecem dígitos, letras ou texto: {1} podem transformar um no outro (aqui {2}) ou em símbolo nenhum.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="172"/>
        <source>The classes ({0}) look like digits, letters or text: {1} can turn one into another or into no symbol at all.</source>
        <translation>As classes ({0}) parecem dígitos, letras ou texto: {1} podem transformar um no outro ou em símbolo nenhum.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="174"/>
        <source>flips and rotations beyond ±{0}°</source>
        <translation>espelhamentos e rotações além de ±{0}°</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="175"/>
        <source>rotations beyond ±{0}°</source>
        <translation>rotações além de ±{0}°</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="176"/>
        <source>{0} and {1}</source>
        <translation>{0} e {1}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="180"/>
        <source>The same picture is labelled both {0} and {1} ({2} pictures). {3} of them were left out of this run.</source>
        <translation>A mesma imagem está rotulada tanto como {0} quanto como {1} ({2} imagens). {3} delas ficaram fora desta execução.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="183"/>
        <source>The same picture is labelled both {0} and {1} ({2} pictures).</source>
        <translation>A mesma imagem está rotulada tanto como {0} quanto como {1} ({2} imagens).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="186"/>
        <source>{0} pairs of pictures with the same label are in two different splits (duplicates or near-duplicates).</source>
        <translation>{0} pares de imagens com o mesmo rótulo estão em duas partes diferentes da divisão (duplicatas ou quase duplicatas).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="189"/>
        <source>{0}: recall {1} is measured on {2} pictures; its 95% interval is {3} to {4}.</source>
        <translation>{0}: a revocação de {1} é medida em {2} imagens; o intervalo de 95% vai de {3} a {4}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="191"/>
        <source>{0} has only {1} test pictures: its recall is measured on {2} pictures.</source>
        <translation>{0} tem só {1} imagens de teste: a revocação é medida em {2} imagens.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="193"/>
        <source>One picture moves it by {0}; read its interval, not the figure alone.</source>
        <translation>Uma imagem a muda em {0}; leia o intervalo, não só o número.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="195"/>
        <source>Some classes have fewer than {0} pictures: {1}.</source>
        <translation>Algumas classes têm menos de {0} imagens: {1}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="199"/>
        <source>Fine-tuning did not improve validation accuracy ({0} vs {1} with the backbone frozen), so the head-only weights were kept.</source>
        <translation>O ajuste fino não melhorou a acurácia de validação ({0} contra {1} com o backbone congelado), por isso foram mantidos os pesos do treino só da cabeça.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="203"/>
        <source>Training uses at most {0} images per class; no class had more, so none was left out.</source>
        <translation>O treino usa no máximo {0} imagens por classe; nenhuma classe tinha mais, então nenhuma ficou de fora.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="207"/>
        <source>Training uses at most {0} images per class: {1} training images were left out and not used ({2}). Validation and test are unchanged. The cap counts images, so a patient&apos;s training images may be partly left out.</source>
        <translation>O treino usa no máximo {0} imagens por classe: {1} imagens de treino ficaram de fora e não são usadas ({2}). Validação e teste não mudam. O limite conta imagens, então as imagens de treino de um paciente podem ficar em parte de fora.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="212"/>
        <source>Training uses at most {0} images per class: {1} training images were left out and not used ({2}). Validation and test are unchanged.</source>
        <translation>O treino usa no máximo {0} imagens por classe: {1} imagens de treino ficaram de fora e não são usadas ({2}). Validação e teste não mudam.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="216"/>
        <source>{0} has {1} times as many images as {2}; accuracy alone can mislead — look at each class&apos;s recall, or turn on class weights.</source>
        <translation>{0} tem {1} vezes mais imagens que {2}; a acurácia sozinha pode enganar — veja a revocação de cada classe, ou ligue os pesos por classe.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="220"/>
        <source>A model that favours {0} scores well on accuracy alone: read the balanced accuracy and {1}&apos;s recall.</source>
        <translation>Um modelo que favorece {0} vai bem só na acurácia: leia a acurácia balanceada e a revocação de {1}.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="223"/>
        <source>{0} files were skipped (they could not be used as pictures).</source>
        <translation>{0} arquivos foram ignorados (não puderam ser usados como imagens).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="225"/>
        <source>{0} pictures were left out of this run (the folder is unchanged).</source>
        <translation>{0} imagens ficaram fora desta execução (a pasta não foi alterada).</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="227"/>
        <source>{0} pictures have no group and count as a patient of their own.</source>
        <translation>{0} imagens não têm grupo e contam cada uma como um paciente.</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/core_texts.py" line="229"/>
        <source>Split folders read by their names: {0}.</source>
        <translation>Pastas da divisão lidas pelos nomes: {0}.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../tlstudio/gui/errors.py" line="70"/>
        <source>Something went wrong inside tlstudio: {0}</source>
        <translation>Algo deu errado dentro do tlstudio: {0}</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/errors.py" line="71"/>
        <source>Your data was not changed. Try again; if it happens again, send the log file (Help → Open log) to whoever supports tlstudio for you.</source>
        <translation>Seus dados não foram alterados. Tente de novo; se acontecer outra vez, envie o arquivo de registro (Ajuda → Abrir registro) para quem dá suporte ao tlstudio para você.</translation>
    </message>
</context>
<context>
    <name>modes</name>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="144"/>
        <source>From scratch</source>
        <extracomment>Style sheet, icons and translations: ``resources/`` of the source tree, or the copy that the desktop install (packaging/tlstudio.spec) carries in its bundle folder, ``sys._MEIPASS``.</extracomment>
        <translation>Do zero</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="145"/>
        <source>Transfer (frozen backbone)</source>
        <translation>Transferência (rede base congelada)</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="146"/>
        <source>Fine-tuned</source>
        <translation>Ajuste fino</translation>
    </message>
</context>
<context>
    <name>phases</name>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="153"/>
        <source>checking the images</source>
        <translation>verificando as imagens</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="154"/>
        <source>computing backbone features</source>
        <translation>calculando as características da rede base</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="155"/>
        <source>training the head</source>
        <translation>treinando a cabeça</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="156"/>
        <source>fine-tuning</source>
        <translation>ajuste fino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="157"/>
        <source>training from scratch</source>
        <translation>treinando do zero</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="158"/>
        <source>testing</source>
        <translation>testando</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="159"/>
        <source>saving</source>
        <translation>salvando</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="160"/>
        <source>learning curve</source>
        <translation>curva de aprendizado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="161"/>
        <source>cross-validation</source>
        <translation>validação cruzada</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="162"/>
        <source>comparing strategies</source>
        <translation>comparando estratégias</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="163"/>
        <source>what the check found</source>
        <translation>o que a verificação encontrou</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="164"/>
        <source>checking labels</source>
        <translation>verificando rótulos</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="44"/>
        <source>weights</source>
        <extracomment>The user&apos;s words for the settings of core.outputs.catalog.key_settings.</extracomment>
        <translation>pesos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="45"/>
        <source>fine-tuning from</source>
        <translation>ajuste fino a partir de</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="46"/>
        <source>hidden layer</source>
        <translation>camada oculta</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="47"/>
        <source>dropout</source>
        <translation>dropout</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="48"/>
        <source>epochs</source>
        <translation>épocas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="49"/>
        <source>fine-tuning epochs</source>
        <translation>épocas de ajuste fino</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="50"/>
        <source>batch size</source>
        <translation>tamanho do lote</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="51"/>
        <source>learning rate</source>
        <translation>taxa de aprendizado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="52"/>
        <source>learning-rate schedule</source>
        <translation>programação da taxa de aprendizado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="53"/>
        <source>label smoothing</source>
        <translation>suavização de rótulos</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="54"/>
        <source>class weights</source>
        <translation>pesos das classes</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="55"/>
        <source>seed</source>
        <translation>semente</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="56"/>
        <source>augmentation</source>
        <translation>aumento de dados</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="57"/>
        <source>augmented views</source>
        <translation>versões aumentadas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="58"/>
        <source>validation share</source>
        <translation>parte de validação</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="59"/>
        <source>test share</source>
        <translation>parte de teste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="60"/>
        <source>split seed</source>
        <translation>semente da divisão</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="61"/>
        <source>images per class</source>
        <translation>imagens por classe</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="62"/>
        <source>synthetic images</source>
        <translation>imagens sintéticas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="68"/>
        <source>default</source>
        <extracomment>The words core.outputs.catalog.key_settings writes for a setting&apos;s value.</extracomment>
        <translation>padrão</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="69"/>
        <source>random</source>
        <translation>aleatórios</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="70"/>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="71"/>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="72"/>
        <source>none</source>
        <translation>nenhum</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="73"/>
        <source>all</source>
        <translation>todas</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="74"/>
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="76"/>
        <source>left-right flips</source>
        <translation>espelhamento esquerda–direita</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="77"/>
        <source>upside-down flips</source>
        <translation>virar de cabeça para baixo</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="78"/>
        <source>rotation</source>
        <translation>rotação</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="79"/>
        <source>zoom</source>
        <translation>zoom</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="80"/>
        <source>random crop</source>
        <translation>corte aleatório</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="81"/>
        <source>shift</source>
        <translation>deslocamento</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="82"/>
        <source>brightness</source>
        <translation>brilho</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="83"/>
        <source>contrast</source>
        <translation>contraste</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="84"/>
        <source>blur</source>
        <translation>desfoque</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/compare_view.py" line="85"/>
        <source>cut-out</source>
        <translation>recorte</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="203"/>
        <source>Heatmap: blue, ignored</source>
        <translation>Mapa de calor: azul, ignorado</translation>
    </message>
    <message>
        <location filename="../../tlstudio/gui/widgets.py" line="205"/>
        <source>red, decided the answer</source>
        <translation>vermelho, decidiu a resposta</translation>
    </message>
</context>
</TS>
