/**
 * This exhibit's texts in both languages, under the `narrator.` namespace of vue-i18n (merged by
 * src/exhibits/messages.ts). Visitors see only the pack's clips and subtitles; these are the operator's panel and the
 * one line shown when the kiosk has nothing to play.
 */
export const messages = {
  'zh-CN': {
    noPack: '内容包中没有讲解员片段',
    off: '讲解员已关闭',
    operator: {
      intro: '讲解员前方的摄像头只判断是否有人（每帧的人脸数量），不计数、不保存任何画面。投影设置只保存在本机。',
      enabled: '启用讲解员',
      source: '摄像头',
      sourceCamera: '第一个摄像头',
      sourceVideo: '视频文件（演示、测试）',
      videoUrl: '视频路径',
      minFaceSize: '最小人脸（画面高度的比例）',
      projection: '投影',
      mirror: '镜像',
      mirrorNone: '不镜像',
      mirrorHorizontal: '左右镜像',
      mirrorVertical: '上下镜像',
      rotate: '旋转',
      scale: '大小',
      blackLevel: '黑电平',
      save: '保存',
      saved: '已保存，几秒内生效',
      invalid: '设置有误：{message}',
    },
  },
  en: {
    noPack: 'The content pack has no narrator clips',
    off: 'The narrator is switched off',
    operator: {
      intro:
        'The camera in front of the narrator only tells whether someone is there (the number of faces in each frame): nothing is counted and no picture is kept. The projection settings are stored on this kiosk only.',
      enabled: 'Narrator on',
      source: 'Camera',
      sourceCamera: 'First camera',
      sourceVideo: 'Video file (demos, tests)',
      videoUrl: 'Video path',
      minFaceSize: 'Smallest face (share of the frame height)',
      projection: 'Projection',
      mirror: 'Mirror',
      mirrorNone: 'No mirror',
      mirrorHorizontal: 'Left-right',
      mirrorVertical: 'Upside down',
      rotate: 'Rotate',
      scale: 'Size',
      blackLevel: 'Black level',
      save: 'Save',
      saved: 'Saved: the narrator uses it within a few seconds',
      invalid: 'Invalid settings: {message}',
    },
  },
};
