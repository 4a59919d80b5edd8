# FACoG's schedule (Park et al., Sec. 4.2): 200 epochs in all, phase 1
# (epochs 0-149) lr 0.5 cosine, phase 2 (150-199) lr 0.005 for G, D and
# f_cls; SGD momentum 0.9, wd 1e-4. The 150 / 50 split is our choice (the
# paper gives the total): `train_cfg.stages.phase2`; the `main` cosine
# ends with phase 1. Every FACoG part is DDP-wrapped on its own.
_sgd = dict(type='SGD', momentum=0.9, weight_decay=1e-4)
optim_wrapper = dict(
    constructor='ModuleGroupsOptimWrapperConstructor',
    main=dict(
        modules=['backbone', 'head', 'projector'],
        optimizer=dict(_sgd, lr=0.5)),
    # Sec. 3.4 trains G and D in phase 2 and fine-tunes f_cls: f_proj stays
    # as phase 1 left it (add 'projector' here to train it with G)
    generator=dict(modules=['generator'], optimizer=dict(_sgd, lr=0.005)),
    discriminator=dict(
        modules=['discriminator'], optimizer=dict(_sgd, lr=0.005)),
    classifier=dict(modules=['head'], optimizer=dict(_sgd, lr=0.005)))
param_scheduler = dict(
    main=[dict(type='CosineAnnealingLR', by_epoch=True, stage='phase1')],
    generator=[],
    discriminator=[],
    classifier=[])
train_cfg = dict(
    type='StageTrainLoop',
    max_epochs=200,
    val_interval=10,
    stages=dict(phase1=0, phase2=150))
val_cfg = dict()
test_cfg = dict()
model_wrapper_cfg = dict(
    type='MMSeparateDistributedDataParallel', broadcast_buffers=True)
